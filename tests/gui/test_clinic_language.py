"""The clinic in Spanish: the welcome screen's language button, each person's language for their visit only, and
the staff's screens in the kiosk's language (real main window, real storage, real Qt event loop)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from kiosk.ui.language import current_language, set_language
from test_clinic_mode import ADMIN_PIN, make_clinic, type_pin  # noqa: F401 - make_clinic is a fixture


def touch(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_admin(qtbot, clinic) -> None:
    window = clinic.window
    for _ in range(5):
        qtbot.mouseClick(window.stack.currentWidget(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert window.stack.currentWidget() is clinic.unlock
    type_pin(qtbot, clinic.unlock.pad, ADMIN_PIN)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is clinic.admin, timeout=5_000)


def test_the_welcome_button_switches_to_spanish_for_the_visit_and_sign_out_brings_english_back(make_clinic, qtbot):
    clinic = make_clinic()
    window, attract = clinic.window, clinic.attract
    assert attract.language_button.text() == "Español" and attract.title.text() == "Welcome"
    touch(qtbot, attract.language_button)
    assert current_language() == "es"
    assert window.stack.currentWidget() is attract                 # the button does not start the visit
    assert attract.title.text() == "Bienvenidos"
    assert attract.start_button.text() == "Toque para empezar"
    assert attract.demo_caption.text() == "Ejemplo: una rodilla al pecho"
    assert attract.language_button.text() == "English"
    assert attract.language_button.accessibleDescription() == "Show the screens in English"

    qtbot.mouseClick(attract, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    sign_in = clinic.sign_in
    assert window.stack.currentWidget() is sign_in
    assert sign_in._title.text() == "Entrar" and sign_in.explain.text() == "Escriba su número de diario."
    assert sign_in.guest_button.text() == "Seguir como invitado" and sign_in.back_button.text() == "Atrás"
    assert sign_in.pad.delete_button.text() == "Borrar"
    assert sign_in.pad.dots.accessibleName() == "Número de diario: no se escribió nada"
    type_pin(qtbot, sign_in.pad, "12345678")                        # not a diary number: the check digit
    assert sign_in.error.text() == "Ese no es un número de diario. Revise cada dígito, por favor."
    touch(qtbot, sign_in.new_button)
    assert sign_in._title.text() == "Diario nuevo"
    assert not sign_in.language_button.isVisible()                  # offered at the start only
    assert sign_in.explain.text() == "Elija un PIN de 4 a 6 dígitos. Lo necesita junto con su número de diario."
    type_pin(qtbot, sign_in.pad, "4826")
    type_pin(qtbot, sign_in.pad, "4826")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is clinic.new_diary, timeout=5_000)
    new_diary = clinic.new_diary
    assert new_diary.title.text() == "Su número de diario"
    assert new_diary.continue_button.text() == "Ya lo anoté"
    assert new_diary.explain.text().startswith("Anote este número.")
    assert new_diary.number.accessibleName().startswith("Número de diario ")
    touch(qtbot, new_diary.continue_button)
    assert window.stack.currentWidget() is window.home
    assert current_language() == "es"                              # it holds through the visit
    assert clinic.sign_out_button.text() == "Cerrar sesión"

    touch(qtbot, clinic.sign_out_button)
    assert window.stack.currentWidget() is attract
    assert current_language() == "en"                              # the next person meets the kiosk's default
    assert attract.title.text() == "Welcome" and attract.language_button.text() == "Español"
    assert sign_in._title.text() == "Sign in" and clinic.sign_out_button.text() == "Sign out"


def test_the_sign_in_screen_has_the_button_too_and_back_brings_the_default(make_clinic, qtbot):
    clinic = make_clinic()
    qtbot.mouseClick(clinic.attract, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    sign_in = clinic.sign_in
    assert sign_in.language_button.text() == "Español"
    touch(qtbot, sign_in.language_button)
    assert sign_in._title.text() == "Entrar" and sign_in.language_button.text() == "English"
    touch(qtbot, sign_in.back_button)
    assert clinic.window.stack.currentWidget() is clinic.attract and current_language() == "en"


def test_idle_brings_the_default_language_back_and_asks_in_spanish_first(make_clinic, qtbot, speaker):
    clinic = make_clinic(timeout=60, warning=0.5)
    window = clinic.window
    touch(qtbot, clinic.attract.language_button)
    qtbot.mouseClick(clinic.attract, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    touch(qtbot, clinic.sign_in.guest_button)
    assert window.stack.currentWidget() is window.home
    clinic.idle.set_timeout(0.4)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is clinic.still_there, timeout=5_000)
    assert clinic.still_there.question.text() == "¿Sigue ahí?"
    assert clinic.still_there.button.text() == "Sigo aquí"
    assert "vuelve al inicio en" in clinic.still_there.explain.text()
    assert "¿Sigue ahí?" in speaker.said
    qtbot.waitUntil(lambda: window.stack.currentWidget() is clinic.attract, timeout=5_000)
    assert current_language() == "en" and clinic.attract.title.text() == "Welcome"


def test_a_kiosk_started_in_spanish_keeps_spanish_as_its_default(make_clinic, qtbot):
    set_language("es")
    clinic = make_clinic()
    assert clinic.default_language == "es" and clinic.attract.title.text() == "Bienvenidos"
    touch(qtbot, clinic.attract.language_button)                  # an English speaker's visit
    assert current_language() == "en" and clinic.attract.language_button.text() == "Español"
    qtbot.mouseClick(clinic.attract, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    touch(qtbot, clinic.sign_in.guest_button)
    touch(qtbot, clinic.sign_out_button)
    assert current_language() == "es" and clinic.attract.title.text() == "Bienvenidos"


def test_the_first_start_set_up_in_spanish(make_clinic, qtbot):
    set_language("es")
    clinic = make_clinic(admin_pin=None)
    setup = clinic.setup
    assert clinic.window.stack.currentWidget() is setup
    assert setup._title.text() == "Crear el PIN del personal"
    assert setup.step.text().startswith("Elija un PIN del personal de 4 a 8 dígitos.")
    type_pin(qtbot, setup.pad, "2468")
    assert setup.step.text() == "Escriba el mismo PIN otra vez."
    type_pin(qtbot, setup.pad, "1357")
    assert setup.message.text() == "Los dos PIN no eran iguales. Elija el PIN otra vez."
    set_language("en")
    assert setup.message.text() == "The two PINs were not the same. Please choose the PIN again."
    assert setup._title.text() == "Set up the admin PIN"


def test_the_staff_screens_and_the_plan_editor_in_spanish_and_back(make_clinic, qtbot, store):
    set_language("es")
    profile = store.profiles.create(pin="4826")
    clinic = make_clinic()
    window = clinic.window
    for _ in range(5):
        qtbot.mouseClick(window.stack.currentWidget(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    unlock = clinic.unlock
    assert unlock._title.text() == "Solo personal" and unlock.cancel_button.text() == "Cancelar"
    type_pin(qtbot, unlock.pad, "11111")
    qtbot.waitUntil(unlock.message.isVisible, timeout=5_000)
    assert unlock.message.text().startswith("Ese PIN no es correcto.")
    type_pin(qtbot, unlock.pad, ADMIN_PIN)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is clinic.admin, timeout=5_000)
    admin = clinic.admin
    assert admin.title.text() == "Ajustes del personal"
    assert admin.done_button.text() == "Volver al quiosco" and admin.leave_button.text() == "Salir del modo quiosco"
    assert admin.idle_heading.text() == "Volver al inicio si nadie toca durante"
    assert admin.listen_button.text() == "Comandos de voz para pacientes"
    assert admin.drive.heading.text() == "Guardar las exportaciones en"
    label = admin.profile_list.item(0).text()
    spaced = f"{profile.number[:4]} {profile.number[4:]}"
    assert label.startswith(f"Diario {spaced}, desde el ") and label.endswith(str(profile.created.year))

    assert admin.select_profile(profile.profile_id)
    touch(qtbot, admin.plan_button)
    editor = clinic.staff_plans.editor
    assert window.stack.currentWidget() is editor
    assert editor.title.text() == f"Plan: Diario {spaced}"
    qtbot.waitUntil(lambda: editor.starter.isVisibleTo(editor), timeout=5_000)   # read: no plan yet
    assert editor.starter_words.text() == "Este diario no tiene plan. Empiece con una rutina:"
    assert editor.back_button.text() == "Atrás" and editor.save_button.text() == "Guardar el plan"
    card = next(iter(editor.cards.values()))
    assert card.include.text() == "En el plan" and card.reps.title.text() == "Repeticiones"
    assert editor.days.title.text() == "Días por semana"
    assert editor.remove_button.text() == "Quitar el plan"

    set_language("en")                                             # and back: every text in English again
    assert editor.title.text() == f"Plan: Diary {spaced}" and editor.back_button.text() == "Back"
    assert editor.starter_words.text() == "This diary has no plan. Start from a routine:"
    assert card.reps.title.text() == "Reps"
    assert admin.title.text() == "Staff settings" and admin.profile_list.item(0).text().startswith(f"Diary {spaced}, since ")
