"""Hints of sensitive data: field names and literal values that suggest a data class.

An identifier is split into words (``customerEmail`` -> customer, email) and matched against
word sequences; literal strings are matched against e-mail, card (Luhn-checked) and IBAN
(mod-97-checked) shapes.

Example:
    >>> hints_in_identifier("customer_email")
    [('pii', 'email')]
    >>> hints_in_identifier("cardNumber"), hints_in_identifier("card")
    ([('financial', 'card number')], [])
    >>> hints_in_literal("write to jane.doe@corp.example")
    [('pii', 'e-mail address')]
"""

from __future__ import annotations

import functools
import re

from microgate.manifest.model import DataClass

_HINTS: dict[tuple[str, ...], DataClass] = {
    **{
        (w,): DataClass.PII
        for w in (
            "email",
            "phone",
            "ssn",
            "passport",
            "dob",
            "birthdate",
            "surname",
            "nationality",
            "msisdn",
        )
    },
    ("e", "mail"): DataClass.PII,
    ("phone", "number"): DataClass.PII,
    ("date", "of", "birth"): DataClass.PII,
    ("birth", "date"): DataClass.PII,
    ("social", "security"): DataClass.PII,
    ("national", "id"): DataClass.PII,
    ("driver", "license"): DataClass.PII,
    ("drivers", "license"): DataClass.PII,
    ("first", "name"): DataClass.PII,
    ("last", "name"): DataClass.PII,
    ("full", "name"): DataClass.PII,
    ("home", "address"): DataClass.PII,
    ("street", "address"): DataClass.PII,
    ("postal", "address"): DataClass.PII,
    ("ip", "address"): DataClass.PII,
    ("iban",): DataClass.FINANCIAL,
    ("card", "number"): DataClass.FINANCIAL,
    ("credit", "card"): DataClass.FINANCIAL,
    ("creditcard",): DataClass.FINANCIAL,
    ("cc", "number"): DataClass.FINANCIAL,
    ("cvv",): DataClass.FINANCIAL,
    ("cvc",): DataClass.FINANCIAL,
    ("bank", "account"): DataClass.FINANCIAL,
    ("account", "number"): DataClass.FINANCIAL,
    ("routing", "number"): DataClass.FINANCIAL,
    ("sort", "code"): DataClass.FINANCIAL,
    ("salary",): DataClass.FINANCIAL,
    ("payment",): DataClass.FINANCIAL,
    ("payroll",): DataClass.FINANCIAL,
    ("refund",): DataClass.FINANCIAL,
    ("tax", "id"): DataClass.FINANCIAL,
    ("diagnosis",): DataClass.HEALTH,
    ("diagnoses",): DataClass.HEALTH,
    ("patient",): DataClass.HEALTH,
    ("medical",): DataClass.HEALTH,
    ("prescription",): DataClass.HEALTH,
    ("medication",): DataClass.HEALTH,
    ("allergy",): DataClass.HEALTH,
    ("allergies",): DataClass.HEALTH,
    ("symptom",): DataClass.HEALTH,
    ("icd10",): DataClass.HEALTH,
    ("blood", "type"): DataClass.HEALTH,
    ("health", "record"): DataClass.HEALTH,
}

_SPLIT = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_EMAIL = re.compile(  # bounded repeats keep long literals linear
    r"(?<![\w.+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}"
    r"\.[A-Za-z]{2,24}\b"
)
_CARD = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]{0,63}$")


_VOCABULARY = frozenset(word for sequence in _HINTS for word in sequence)
_BY_FIRST_WORD: dict[str, list[tuple[tuple[str, ...], DataClass]]] = {}
for _sequence, _data_class in _HINTS.items():
    _BY_FIRST_WORD.setdefault(_sequence[0], []).append((_sequence, _data_class))


def _words(identifier: str) -> list[str]:
    """Lower-case words of an identifier, plurals folded onto known words (emails -> email)."""
    out = []
    for word in _SPLIT.findall(identifier):
        lower = word.lower()
        for singular in (lower, lower[:-1], lower[:-2]):
            if singular in _VOCABULARY:
                lower = singular
                break
        out.append(lower)
    return out


def hints_in_identifier(identifier: str) -> list[tuple[str, str]]:
    """(data class, hint) pairs an identifier or field name suggests."""
    return list(_identifier_hints(identifier))


@functools.lru_cache(maxsize=4096)
def _identifier_hints(identifier: str) -> tuple[tuple[str, str], ...]:
    if not _IDENT.match(identifier):
        return ()
    tokens = _words(identifier)
    found: list[tuple[str, str]] = []
    for index, token in enumerate(tokens):
        for sequence, data_class in _BY_FIRST_WORD.get(token, ()):
            if tuple(tokens[index : index + len(sequence)]) == sequence:
                hint = (data_class.value, " ".join(sequence))
                if hint not in found:
                    found.append(hint)
    return tuple(found)


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _iban_ok(text: str) -> bool:
    compact = text.replace(" ", "")
    rotated = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in rotated)
    return 15 <= len(compact) <= 34 and int(number) % 97 == 1


def hints_in_literal(text: str) -> list[tuple[str, str]]:
    """(data class, hint) pairs for values in a string literal (e-mails, cards, IBANs)."""
    if len(text) > 20_000:
        text = text[:20_000]
    found: list[tuple[str, str]] = []
    if _EMAIL.search(text):
        found.append((DataClass.PII.value, "e-mail address"))
    for match in _CARD.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if 13 <= len(digits) <= 19 and _luhn(digits) and len(set(digits)) > 1:
            found.append((DataClass.FINANCIAL.value, "card number"))
            break
    for match in _IBAN.finditer(text):
        if _iban_ok(match.group(0)):
            found.append((DataClass.FINANCIAL.value, "IBAN"))
            break
    return found


def hints(text: str) -> list[tuple[str, str]]:
    """Hints for a string: as a field name when it is identifier-like, else as a value."""
    return hints_in_identifier(text) if _IDENT.match(text) else hints_in_literal(text)
