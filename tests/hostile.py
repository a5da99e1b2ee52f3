"""Hostile strings: text an attacker or a careless source can put into an article, a title, a name
or a query. Every output must keep them inert (stored and read back unchanged, searched without
error in bounded time, escaped for the terminal, HTML and spreadsheets).

A plain module (not a test file): ``from hostile import HOSTILE, QUERIES, SURROGATES`` in any
test under tests/. ``HOSTILE`` maps a short name (the test id) to the string.
"""

from __future__ import annotations

# markup a terminal renderer (Rich) would interpret
RICH = {
    "rich_close": "[/]",
    "rich_sic": "Er sagte [sic] heute",
    "rich_bracket_words": "[heute Kyjiw]",
    "rich_link": "[link=http://x]y[/link]",
    "rich_style": "[bold red]rot[/bold red]",
    "rich_unclosed": "[bold",
}

# markup and script a browser would run
HTML = {
    "html_script": "<script>alert(1)</script>",
    "html_img_onerror": '"><img src=x onerror=alert(1)>',
    "html_entity": "&lt;b&gt; &amp;amp; &#0;",
    "html_comment": "<!-- x --> --!>",
}

# cells a spreadsheet would evaluate
CSV_FORMULAS = {
    "csv_hyperlink": '=HYPERLINK("http://x")',
    "csv_plus": "+1+1",
    "csv_minus": "-2+3",
    "csv_at": "@SUM(A1)",
    "csv_tab": "\t=1+1",
    "csv_cr": "\r=1+1",
    "csv_dde": "=cmd|' /C calc'!A0",
}

# terminal control sequences
ANSI = {
    "ansi_colour": "\x1b[31mrot\x1b[0m",
    "ansi_hyperlink": "\x1b]8;;http://x\x07link\x1b]8;;\x07",
    "ansi_clear": "\x1b[2J\x1b[H",
    "bell_backspace": "a\x07\x08b",
}

# text that is not encodable or displays in a misleading order
UNICODE = {
    "rtl_override": "abc\u202edcba",
    "nul": "a\x00b",
    "zero_width": "Pu\u200btin",
    "bom_inside": "a\ufeffb",
    "combining_flood": "a" + "\u0301" * 200,
    "astral": "\U0001f600 \U0001d400",
    "line_separator": "a\u2028b\u2029c",
}

# lone surrogates: valid in a Python str and in JSON ("\\ud83d"), not encodable as UTF-8
SURROGATES = {
    "surrogate_high": "T \ud83d",
    "surrogate_low": "\ude00 x",
    "surrogate_pair_as_two": "\ud83d\ude00",
}

SQL = {
    "sql_drop": "'; DROP TABLE documents; --",
    "sql_quote": "O'Brien \"x\" \\",
    "sql_like": "100% _x_",
}

# full-text query syntax (FTS5, websearch_to_tsquery)
FTS = {
    "fts_quote": '"',
    "fts_near": "NEAR(",
    "fts_star": "*",
    "fts_or_or": "OR OR",
    "fts_dash": "-",
    "fts_caret": "^",
    "fts_colon": "title:x",
    "fts_and_not": "AND NOT (",
    "fts_parens": "((((a))))",
    "fts_minus_word": "-Putin",
}

LONG = {
    "long_line": "Putin " * 2000,
    "long_word": "x" * 10_000,
    "many_lines": "\n" * 5000 + "Ende",
}

HOSTILE: dict[str, str] = {**RICH, **HTML, **CSV_FORMULAS, **ANSI, **UNICODE, **SURROGATES, **SQL, **FTS, **LONG}

# hostile search queries: every string above, plus query floods
QUERIES: dict[str, str] = {
    **HOSTILE,
    "flood_repeated": "Putin " * 1700,
    "flood_or": "Putin OR " * 500,
    "flood_quotes": '"' * 3000,
    "flood_dashes": "-" * 3000,
    "flood_phrase": '"' + "Putin " * 300 + '"',
}


def without_surrogates(text: str) -> str:
    """What a store keeps of ``text``: each lone surrogate replaced by U+FFFD (same length)."""
    return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)


def formula_start(cell: str) -> bool:
    """True when a spreadsheet would evaluate the cell (it starts with = + - @, tab or CR)."""
    return cell[:1] in ("=", "+", "-", "@", "\t", "\r")
