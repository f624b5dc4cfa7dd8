"""The codes, systems and extension URLs of the kiosk's FHIR R4 diary Bundle (written by fhir_bundle, read by fhir_reading)."""

from __future__ import annotations

from kiosk.core.translations import N_

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"

#: The kiosk's own names: not resolvable on the web (".invalid", RFC 2606), so nobody mistakes
#: them for a published profile. A deployment with a canonical base of its own changes this one line.
KIOSK = "https://si-kiosk.invalid/fhir"
DIARY_NUMBER_SYSTEM = f"{KIOSK}/diary-number"      # Patient.identifier: the diary's 8-digit number
SESSION_SYSTEM = f"{KIOSK}/session-id"             # Procedure.identifier: the kiosk's session id
ROUTINE_SYSTEM = f"{KIOSK}/CodeSystem/routine"     # Procedure.code: the routine's id
SIDE_SYSTEM = f"{KIOSK}/CodeSystem/side"           # the kiosk's own side words, beside SNOMED CT
ACTIVITY_SYSTEM = f"{KIOSK}/CodeSystem/aerobic-activity"

#: Extensions on a pain rating's Observation (the moment, the exercise, what made it worse, the
#: clock warning) and on a session's Procedure (how each exercise ended).
EXT_MOMENT = f"{KIOSK}/StructureDefinition/pain-moment"             # valueCode: before|after|during|other
EXT_EXERCISE = f"{KIOSK}/StructureDefinition/pain-exercise"         # valueString: the exercise id
EXT_WORSE_WITH = f"{KIOSK}/StructureDefinition/pain-worse-with"     # valueCode, once per choice
EXT_CLOCK_SUSPECT = f"{KIOSK}/StructureDefinition/clock-suspect"    # valueBoolean true: the clock looked wrong
EXT_DONE = f"{KIOSK}/StructureDefinition/exercise-done"             # valueString, once per exercise
EXT_SKIPPED = f"{KIOSK}/StructureDefinition/exercise-skipped"
EXT_HURT = f"{KIOSK}/StructureDefinition/exercise-hurt"             # "exercise_id" or "exercise_id:side"
#: HL7's extension for the side of Observation.bodySite (R4 has no laterality element of its own).
EXT_LATERALITY = "http://hl7.org/fhir/StructureDefinition/observation-structureLaterality"

#: HL7's extension that gives a string (here a Coding.display) in another language: `lang` and `content`.
EXT_TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"

#: Codes with the display their code system gives (LOINC, SNOMED CT: English, written as the system has it;
#: the Bundle adds the translation beside it, EXT_TRANSLATION, never in place of it).
PAIN_CODE = ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")
EXERCISE_DURATION_CODE = ("55411-3", "Exercise duration")
EXERCISE_ACTIVITY_CODE = ("73985-4", "Exercise activity")
EXERCISE_THERAPY_CODE = ("229065009", "Exercise therapy")

#: SNOMED CT laterality qualifiers of the kiosk's sides; "middle" has none (it is not a side).
LATERALITY = {"left": ("7771000", "Left"), "right": ("24028007", "Right"),
              "both": ("51440002", "Right and left")}
#: The translatable words of those displays (kiosk.locale), by the display's English.
DISPLAY_WORDS = {
    PAIN_CODE[1]: N_("Pain severity - 0-10 verbal numeric rating [Score] - Reported"),
    "Exercise duration": N_("Exercise duration"), "Exercise activity": N_("Exercise activity"),
    "Exercise therapy": N_("Exercise therapy"), "Left": N_("Left"), "Right": N_("Right"),
    "Right and left": N_("Right and left"), "Survey": N_("Survey"), "Activity": N_("Activity"),
}
#: The kiosk's own displays and texts: written in the language of the export (the codes never change).
SIDE_WORDS = {"left": N_("Left"), "right": N_("Right"), "both": N_("Both sides"), "middle": N_("Middle")}
BODY_SITE_TEXT = N_("Sacroiliac joint region")
PAIN_TEXT = N_("Pain 0-10")
AEROBIC_TEXT = N_("Aerobic minutes")
ACTIVITY_WORDS = {"walking": N_("Walking"), "water_aerobics": N_("Water aerobics"), "cycling": N_("Cycling"),
                  "tai_chi": N_("Tai chi")}
