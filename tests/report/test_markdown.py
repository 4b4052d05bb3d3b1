from __future__ import annotations

import re

import pytest

from microgate.findings import Finding, Level, Location
from microgate.report.markdown import MAX_CHARS, MAX_ROWS, escape_md, render_markdown
from microgate.report.model import CheckResult, Outcome, Report, RuleInfo

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("plain", "plain"),
        ("a|b", "a\\|b"),
        ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("a & b", "a &amp; b"),
        ("ping @octocat", "ping &#64;octocat"),
        ("line\nbreak", "line<br>break"),
        ("win\r\nbreak", "win<br>break"),
        ("$x$ ~~s~~ # h", "\\$x\\$ \\~\\~s\\~\\~ \\# h"),
        ("back\\slash", "back\\\\slash"),
        ("esc\x1b[31m", "esc\\\\x1b\\[31m"),
        ('quote " ünï ✓', 'quote " ünï ✓'),
    ],
)
def test_escape_table(raw: str, escaped: str) -> None:
    assert escape_md(raw) == escaped


def test_two_apps_layout(two_apps: list[Report]) -> None:
    md = render_markdown(two_apps, tool_version="0.1.0")
    assert md.startswith("## microgate 0.1.0: **FAIL**: 1 of 2 apps failed\n")
    assert "### notes: **FAIL**" in md
    assert "### ledger: **PASS**" in md
    assert "Passed: 1 rule\n" in md
    assert "Passed: 2 rules\n" in md
    assert md.count("<details><summary>Passed rules</summary>") == 2
    assert md.count("</details>") == 2
    assert "- MG-P002 pii-redaction" in md


def test_table_has_one_row_per_finding_and_rows_keep_five_cells(two_apps: list[Report]) -> None:
    md = render_markdown(two_apps, tool_version="0.1.0")
    rows = [line for line in md.splitlines() if line.startswith("| ")]
    assert rows[0] == "| Rule | Level | Outcome | Message | Location |"
    body = rows[1:]
    assert len(body) == 6  # 2 findings + 4 rules without findings or with one
    for row in body:
        assert len(UNESCAPED_PIPE.findall(row)) == 6, row
    assert body[0].startswith("| MG-L003 inline-secrets | error | FAIL | secret literal &lt;api")
    assert '&amp; "token"<br>second line: ünïcødé ✓' in body[0]
    assert body[0].endswith("| app.py:12:5 |")
    assert "| warning | WARN |" in body[3]
    assert "| ERROR |" in body[4]
    assert "waived: waiver W-12 approved by alice" in body[5]


def test_cells_with_pipes_and_newlines_stay_in_their_row() -> None:
    rule = RuleInfo("R|1", "a|b", "d")
    report = Report(tool="gate", subject="s|t", app="x|y")
    finding = Finding("R|1", Level.ERROR, "m|n\no|p", Location("a|b.py", 3))
    report.add(CheckResult(rule, Outcome.FAIL, "x", findings=(finding,)))
    md = render_markdown([report], tool_version="1")
    row = next(line for line in md.splitlines() if line.startswith("| R\\|1"))
    assert len(UNESCAPED_PIPE.findall(row)) == 6
    assert "m\\|n<br>o\\|p" in row
    assert "### x\\|y: **FAIL**" in md


def _big_report(findings: int, name: str = "big") -> Report:
    rule = RuleInfo("MG-L003", "inline-secrets", "d")
    report = Report(tool="lint", subject=f"apps/{name}", app=name)
    many = tuple(
        Finding("MG-L003", Level.ERROR, f"secret number {i} " + "x" * 400, Location(f"f{i}.py", i))
        for i in range(findings)
    )
    report.add(CheckResult(rule, Outcome.FAIL, "many", findings=many))
    for i in range(200):
        report.add(CheckResult(RuleInfo(f"MG-Z{i:03}", "ok", "d"), Outcome.PASS, "ok"))
    return report


def test_long_tables_are_truncated() -> None:
    md = render_markdown([_big_report(5000)], tool_version="1")
    assert len(md) < MAX_CHARS
    rows = [line for line in md.splitlines() if line.startswith("| MG-L003")]
    assert 0 < len(rows) <= MAX_ROWS
    assert f"... and {5000 - len(rows)} more" in md
    assert f"- ... and {200 - MAX_ROWS} more" in md  # the passed list too
    assert all(len(row) < 1200 for row in rows)  # messages are clipped


def test_many_apps_stay_under_the_comment_limit() -> None:
    reports = [_big_report(60, f"app{i}") for i in range(40)]
    md = render_markdown(reports, tool_version="1")
    assert len(md) < MAX_CHARS
    assert re.search(r"\.\.\. and \d+ more apps", md)
    assert "### app0: **FAIL**" in md


def test_passing_run() -> None:
    report = Report(tool="gate", subject="a", app="a")
    report.add(CheckResult(RuleInfo("R-1", "r", "d"), Outcome.PASS, "ok"))
    md = render_markdown([report], tool_version="1")
    assert md.startswith("## microgate 1: **PASS**: 1 app passed")
    assert "| Rule |" not in md
