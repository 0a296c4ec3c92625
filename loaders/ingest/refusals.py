"""The messages of every file refusal, in Swedish and English, and what a wrong file is.

Messages are written for a finance officer: what is wrong with the file, and what to do in
Excel to fix it. Codes are stable (tests and the UI key on them); the optional *reason* picks a
more precise message and is kept in ``FileRefused.details["reason"]``.
"""

from __future__ import annotations

from codecs import BOM_UTF16_BE, BOM_UTF16_LE

from loaders.errors import FileRefused
from loaders.language import pick

_SAVE_AS_XLSX = (
    "Öppna den i Excel och spara den som en vanlig arbetsbok: Arkiv > Spara som > "
    "Excel-arbetsbok (.xlsx).",
    "Open it in Excel and save it as an ordinary workbook: File > Save As > "
    "Excel Workbook (.xlsx).",
)
_BOMB = (
    "Den läses inte, av säkerhetsskäl. Spara exporten på nytt från Excel; kvarstår felet, "
    "kontakta den som förvaltar Tertial.",
    "It is not read, for safety. Save the export again from Excel; if this persists, "
    "contact whoever runs Tertial.",
)

# (code, reason) -> (Swedish, English). (code, None) is the message when no reason matches.
# Fields: {file} is 'Filen "x.xlsx"' / 'The file "x.xlsx"'; numbers are formatted per language.
MESSAGES: dict[tuple[str, str | None], tuple[str, str]] = {
    ("too_large", None): (
        "{file} är {size_mb} MB, men högst {limit_mb} MB tas emot. Ta bort blad och data som "
        "inte behövs, eller dela upp filen, och försök igen.",
        "{file} is {size_mb} MB, but at most {limit_mb} MB is accepted. Remove sheets and data "
        "that are not needed, or split the file, and try again."),
    ("empty", None): (
        "{file} är tom. Kontrollera att du valde rätt fil och att den sparades färdigt.",
        "{file} is empty. Check that you chose the right file and that it was fully saved."),
    ("encrypted", None): (
        "{file} är lösenordsskyddad. Öppna den i Excel, ta bort lösenordet (Arkiv > Information "
        "> Skydda arbetsbok > Kryptera med lösenord, töm rutan) och spara den igen.",
        "{file} is password protected. Open it in Excel, remove the password (File > Info > "
        "Protect Workbook > Encrypt with Password, clear the box) and save it again."),
    ("xls_format", None): (
        "{file} är i det gamla .xls-formatet. " + _SAVE_AS_XLSX[0],
        "{file} is in the old .xls format. " + _SAVE_AS_XLSX[1]),
    ("wrong_type", None): (
        "{file} är {what}, inte en Excel-arbetsbok. Ladda upp exporten som .xlsx, .xlsm, .ods "
        "eller .csv.",
        "{file} is {what}, not an Excel workbook. Upload the export as .xlsx, .xlsm, .ods or "
        ".csv."),
    ("wrong_type", "xlsb"): (
        "{file} är en binär Excel-arbetsbok (.xlsb). " + _SAVE_AS_XLSX[0],
        "{file} is a binary Excel workbook (.xlsb). " + _SAVE_AS_XLSX[1]),
    ("wrong_type", "html"): (
        "{file} är en webbsida (HTML) med Excel-namn, som vissa system exporterar. "
        + _SAVE_AS_XLSX[0],
        "{file} is a web page (HTML) with an Excel name, as some systems export. "
        + _SAVE_AS_XLSX[1]),
    ("wrong_type", "xml2003"): (
        "{file} är i formatet XML-kalkylblad 2003. " + _SAVE_AS_XLSX[0],
        "{file} is in the XML Spreadsheet 2003 format. " + _SAVE_AS_XLSX[1]),
    ("wrong_type", "utf16_text"): (
        "{file} är sparad som Unicode-text (UTF-16). Spara den som CSV UTF-8 eller som "
        "Excel-arbetsbok (.xlsx) och försök igen.",
        "{file} is saved as Unicode text (UTF-16). Save it as CSV UTF-8 or as an Excel "
        "Workbook (.xlsx) and try again."),
    ("wrong_type", "csv_binary"): (
        "{file} heter .csv men innehåller inte text. Spara bladet som CSV UTF-8 eller CSV "
        "(semikolonavgränsad) och försök igen.",
        "{file} is named .csv but does not hold text. Save the sheet as CSV UTF-8 or CSV "
        "(semicolon delimited) and try again."),
    ("wrong_type", "text"): (
        "{file} är en textfil utan ändelsen .csv. Ladda upp en arbetsbok (.xlsx), eller ge "
        "en CSV-fil ändelsen .csv.",
        "{file} is a text file without the .csv extension. Upload a workbook (.xlsx), or give "
        "a CSV file the .csv extension."),
    ("corrupt", None): (
        "{file} är skadad och kan inte öppnas som arbetsbok. Öppna den i Excel, som kan "
        "reparera den, och spara den igen.",
        "{file} is damaged and cannot be opened as a workbook. Open it in Excel, which can "
        "repair it, and save it again."),
    ("zip_bomb", "members"): (
        "{file} består av {count} delar, fler än de {limit} som tas emot. " + _BOMB[0],
        "{file} consists of {count} parts, more than the {limit} accepted. " + _BOMB[1]),
    ("zip_bomb", "total"): (
        "{file} packas upp till {size_mb} MB, mer än de {limit_mb} MB som tas emot. " + _BOMB[0],
        "{file} unpacks to {size_mb} MB, more than the {limit_mb} MB accepted. " + _BOMB[1]),
    ("zip_bomb", None): (
        "{file} har en del ({part}) som packas upp till mycket mer data än den ser ut att "
        "innehålla. " + _BOMB[0],
        "{file} has a part ({part}) that unpacks to far more data than it seems to hold. "
        + _BOMB[1]),
    ("xml_dtd", None): (
        "{file} innehåller XML-deklarationer (DTD eller entiteter) i delen {part}, vilket inte "
        "tas emot av säkerhetsskäl. Excel skriver aldrig sådana: " + _SAVE_AS_XLSX[0].lower(),
        "{file} contains XML declarations (a DTD or entities) in the part {part}, which are "
        "refused for safety. Excel never writes them: " + _SAVE_AS_XLSX[1].lower()),
    ("strict_ooxml", None): (
        "{file} är sparad som Strict Open XML-kalkylblad. " + _SAVE_AS_XLSX[0],
        "{file} is saved as a Strict Open XML Spreadsheet. " + _SAVE_AS_XLSX[1]),
    ("too_big_sheet", None): (
        "Bladet \"{sheet}\" sträcker sig över {rows} rader och {columns} kolumner; högst "
        "{max_rows} rader, {max_columns} kolumner och {max_cells} celler tas emot. Oftast står "
        "något långt ut i bladet: tryck Ctrl+End i Excel för att hitta den sista använda "
        "cellen, ta bort de tomma rader och kolumner som inte behövs och spara igen.",
        "The sheet \"{sheet}\" spans {rows} rows and {columns} columns; at most {max_rows} "
        "rows, {max_columns} columns and {max_cells} cells are accepted. Usually something "
        "stands far out in the sheet: press Ctrl+End in Excel to find the last used cell, "
        "delete the empty rows and columns not needed, and save again."),
    ("stale_formulas", "no_value"): (
        "Arbetsboken har formler utan sparade värden ({cells}{more_sv}). Öppna den i Excel och "
        "spara den igen, så räknar Excel fram och sparar värdena.",
        "The workbook has formulas without saved values ({cells}{more_en}). Open it in Excel "
        "and save it again, so that Excel calculates and saves the values."),
    ("scoped_export", None): (
        "Filen är Tertials egen export av en avgränsad vy ({view}) och kan inte importeras: "
        "en import ersätter tertialens uppgifter i varje blad helt, så allt utanför {view} "
        "skulle försvinna. Vill du rätta uppgifter i Excel: exportera hela myndigheten (välj "
        "Hela myndigheten i filtret), rätta och ladda upp den filen, eller ladda upp "
        "ekonomienhetens egen fil.",
        "The file is Tertial's own export of a filtered view ({view}) and cannot be "
        "imported: an import replaces the tertial's data in every sheet whole, so everything "
        "outside {view} would disappear. To correct figures in Excel, export the whole agency "
        "(choose Whole agency in the filter), correct that file and upload it, or upload the "
        "finance unit's own file."),
    ("damaged_sheet", None): (
        "Bladet ”{sheet}” är skadat: dess innehåll är inte hel XML (rad {line}, kolumn "
        "{column} i {part}), så det går inte att veta vad det egentligen håller. Inget från "
        "filen lagrades. Öppna filen i Excel och spara den igen, eller exportera den på nytt.",
        "The sheet ”{sheet}” is damaged: its content is not whole XML (line {line}, column "
        "{column} of {part}), so what it really holds cannot be known. Nothing from the file "
        "was stored. Open the file in Excel and save it again, or export it anew."),
    ("damaged_sheet", "shared_strings"): (
        "Filen är skadad: arbetsbokens texter ({part}) är inte hel XML (rad {line}, kolumn "
        "{column}). Inget från filen lagrades. Öppna filen i Excel och spara den igen.",
        "The file is damaged: the workbook's texts ({part}) are not whole XML (line {line}, "
        "column {column}). Nothing from the file was stored. Open the file in Excel and save "
        "it again."),
    ("stale_formulas", "recalc_on_open"): (
        "Arbetsboken är markerad för omräkning när den öppnas, så värdena i dess formler kan "
        "vara inaktuella. Formler i bladen som läses: {count}, bland dem {cells}{more_sv}. "
        "Öppna den i Excel och spara den igen, så räknar Excel fram och sparar värdena.",
        "The workbook is marked for recalculation when opened, so the values of its formulas "
        "may be out of date. Formulas in the sheets read: {count}, among them {cells}{more_en}. "
        "Open it in Excel and save it again, so that Excel calculates and saves the values."),
    ("stale_formulas", None): (
        "Arbetsboken är markerad för omräkning när den öppnas, så värdena i dess formler kan "
        "vara inaktuella. Öppna den i Excel och spara den igen.",
        "The workbook is marked for recalculation when opened, so the values of its formulas "
        "may be out of date. Open it in Excel and save it again."),
    ("unreadable", None): (
        "{file} kunde inte läsas; den kan vara skadad. Öppna den i Excel och spara den igen.",
        "{file} could not be read; it may be damaged. Open it in Excel and save it again."),
    ("unreadable_crash", None): (
        "{file} kunde inte läsas: läsningen avbröts, eftersom den krävde för mycket minne "
        "eller stannade oväntat. Filen kan vara skadad eller innehålla mycket mer än den ser "
        "ut att göra. Öppna den i Excel, ta bort det som inte behövs och spara den igen.",
        "{file} could not be read: reading it was stopped because it needed too much memory "
        "or ended unexpectedly. The file may be damaged or hold far more than it seems. Open "
        "it in Excel, remove what is not needed and save it again."),
    ("too_slow", None): (
        "Det tog för lång tid att läsa {file_lower} (mer än {seconds} sekunder), så läsningen "
        "avbröts. Ta bort blad och data som inte behövs och försök igen.",
        "Reading {file_lower} took too long (over {seconds} seconds), so it was stopped. "
        "Remove sheets and data that are not needed and try again."),
}

# What a wrong file is, for the ("wrong_type", None) message: reason -> (Swedish, English).
WHAT: dict[str | None, tuple[str, str]] = {
    None: ("en fil av okänd typ", "a file of an unknown type"),
    "pdf": ("en PDF-fil", "a PDF file"),
    "png": ("en PNG-bild", "a PNG image"),
    "jpeg": ("en JPEG-bild", "a JPEG image"),
    "gif": ("en GIF-bild", "a GIF image"),
    "rtf": ("ett RTF-dokument", "an RTF document"),
    "word": ("ett Word-dokument", "a Word document"),
    "word_old": ("ett Word-dokument", "a Word document"),
    "powerpoint": ("en PowerPoint-presentation", "a PowerPoint presentation"),
    "powerpoint_old": ("en PowerPoint-presentation", "a PowerPoint presentation"),
    "zip": ("ett zip-arkiv", "a zip archive"),
}

# Leading bytes -> reason; text starts are compared after a UTF-8 BOM and white space.
_MAGIC = (
    (b"%PDF", "pdf"), (b"\x89PNG", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF8", "gif"),
    (b"{\\rtf", "rtf"), (BOM_UTF16_LE, "utf16_text"), (BOM_UTF16_BE, "utf16_text"),
)
_TEXT_STARTS = ((b"<!doctype html", "html"), (b"<html", "html"))
_TEXT_MARKERS = ((b"urn:schemas-microsoft-com:office:spreadsheet", "xml2003"),)
# Zip member prefixes -> reason, for a zip that is no workbook.
_ZIP_MEMBERS = (("xl/workbook.bin", "xlsb"), ("word/", "word"), ("ppt/", "powerpoint"))


def what_it_is(head: bytes, zip_members: tuple[str, ...] = ()) -> str | None:
    """The reason code for a file that is plainly not a workbook or CSV, else None.

    ``head`` is the file's start; ``zip_members`` the names in a zip that is no workbook.
    """
    if head.startswith(b"PK"):
        return next((reason for prefix, reason in _ZIP_MEMBERS
                     if any(name.startswith(prefix) for name in zip_members)), "zip")
    for magic, reason in _MAGIC:
        if head.startswith(magic):
            return reason
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    for start, reason in _TEXT_STARTS:
        if text.startswith(start):
            return reason
    return next((reason for marker, reason in _TEXT_MARKERS if marker in text), None)


class _Fields(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def _render(value: object, lang: str) -> object:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.1f}".removesuffix(".0")
    return pick(lang, text.replace(",", "\u00a0").replace(".", ","), text)


def _fields(details: dict, lang: str) -> _Fields:
    name = details.get("name")
    noun = pick(lang, "filen", "the file")
    the_file = f'{noun} "{name}"' if name else noun
    fields = _Fields({key: _render(value, lang) for key, value in details.items()})
    fields.update(file=the_file[0].upper() + the_file[1:], file_lower=the_file)
    fields.setdefault("what", pick(lang, *WHAT.get(details.get("reason"), WHAT[None])))
    return fields


def refusal(code: str, reason: str | None = None, **details: object) -> FileRefused:
    """A FileRefused with the messages for ``code`` (made precise by ``reason``)."""
    sv, en = MESSAGES.get((code, reason)) or MESSAGES[(code, None)]
    details = {"reason": reason, **details}
    return FileRefused(code, sv.format_map(_fields(details, "sv")),
                       en.format_map(_fields(details, "en")), **details)


def named(error: FileRefused, file_name: str) -> FileRefused:
    """The same refusal, its messages naming the file (for checks that did not know it)."""
    if not file_name or error.details.get("name") or (error.code, None) not in MESSAGES:
        return error
    details = {k: v for k, v in error.details.items() if k != "reason"}
    return refusal(error.code, error.details.get("reason"), name=file_name, **details)
