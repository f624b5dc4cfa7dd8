"""Whole numbers from 0 to 99 as Spanish words, masculine ("uno", for counting) or feminine ("una", for "repetición")."""

from __future__ import annotations

_UNITS = (
    "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
    "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve",
    "veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco", "veintiséis",
    "veintisiete", "veintiocho", "veintinueve",
)
_TENS = {3: "treinta", 4: "cuarenta", 5: "cincuenta", 6: "sesenta", 7: "setenta", 8: "ochenta", 9: "noventa"}


def spanish_number_word(n: int, feminine: bool = False) -> str:
    """`n` in words: 21 "veintiuno" ("veintiuna" when feminine), 31 "treinta y uno"; outside 0-99, digits."""
    if not 0 <= n < 100:
        return str(n)
    if n < 30:
        word = _UNITS[n]
    else:
        tens, ones = divmod(n, 10)
        word = _TENS[tens] if ones == 0 else f"{_TENS[tens]} y {_UNITS[ones]}"
    if feminine and word.endswith("uno"):
        word = word[:-1] + "a"
    return word
