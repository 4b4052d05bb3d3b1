"""The CEL wrapper: compile errors, return types, evaluation errors as values."""

from __future__ import annotations

from datetime import date

import pytest

from microgate.errors import InputError
from microgate.policy.cel import CelEnvironment, Returns, plain
from microgate.policy.celtext import code_only, fields_read, literal

ENV = CelEnvironment()


def run(expr: str, data: dict[str, object], returns: Returns = Returns.BOOL) -> object:
    compiled = ENV.compile(expr, "pack.yaml", "R1", returns=returns)
    result = compiled.evaluate(ENV.activation(data))
    return result.value if result.ok else f"ERROR {result.error}"


@pytest.mark.parametrize(
    ("expr", "data", "expected"),
    [
        ("size(app.models) > 0", {"app": {"models": [1]}}, True),
        ("app.models.all(m, m.family in params.allowed)",
         {"app": {"models": [{"family": "a"}]}, "params": {"allowed": ["a"]}}, True),
        ("findings.exists(f, f.ruleId == 'MG-D005')", {"findings": [{"ruleId": "MG-D001"}]}, False),
        ("context.tier == 'high'", {"context": {"tier": "high"}}, True),
        ("app.quantum == null || app.quantum.hardware", {"app": {"quantum": None}}, True),
        ("app.?quantum.orValue(true) == true", {"app": {}}, True),
        ("app.owner.trim().lowerAscii() == 'x'", {"app": {"owner": " X "}}, True),
        ("math.greatest([1, 3, 2]) == 3", {}, True),
        ("timestamp(context.now) > timestamp('2020-01-01T00:00:00Z')",
         {"context": {"now": "2025-01-01T00:00:00+00:00"}}, True),
    ],
)
def test_evaluates(expr: str, data: dict[str, object], expected: object) -> None:
    assert run(expr, data) == expected


@pytest.mark.parametrize(
    ("expr", "data", "error"),
    [
        ("app.missing == 1", {"app": {}}, "Key not found"),
        ("1 / app.zero == 1", {"app": {"zero": 0}}, "divide by zero"),
        ("app.quantum.hardware", {"app": {"quantum": None}}, "ERROR"),
        ("app.x", {"app": {"x": date(2025, 1, 1)}}, "ERROR"),  # not a CEL value
    ],
)
def test_evaluation_errors_are_values_not_exceptions(
    expr: str, data: dict[str, object], error: str
) -> None:
    outcome = run(expr, data)
    assert isinstance(outcome, str) and outcome.startswith("ERROR")
    assert error in outcome


@pytest.mark.parametrize(
    ("expr", "returns", "fragment"),
    [
        ("app.models.all(m, ", Returns.BOOL, "Syntax error"),
        ("1 + 'a'", Returns.BOOL, "no matching overload"),
        ("nope.x == 1", Returns.BOOL, "undeclared reference"),
        ("'text'", Returns.BOOL, "must produce a bool, but produces string"),
        ("size(app.models)", Returns.BOOL, "must produce a bool, but produces int"),
        ("size(app) > 0", Returns.STRING, "must produce a string, but produces bool"),
        ("   ", Returns.BOOL, "is empty"),
        ("cel.bind(x, 1, x > 0)", Returns.BOOL, "cel.bind"),
    ],
)
def test_compile_errors_name_file_rule_and_line(expr: str, returns: Returns, fragment: str) -> None:
    with pytest.raises(InputError) as err:
        ENV.compile(expr, "org/pack.yaml", "ORG-7", returns=returns, line=12,
                    key_path="rules[3].condition")
    text = str(err.value)
    assert text.startswith("org/pack.yaml:12: at 'rules[3].condition': rule ORG-7: ")
    assert fragment in text


def test_compile_error_keeps_the_caret_diagram() -> None:
    with pytest.raises(InputError) as err:
        ENV.compile("app.models.all(m, ", "p.yaml", "R", line=3)
    assert "| app.models.all(m, " in str(err.value)
    assert "^" in str(err.value)
    assert "<input>" not in str(err.value)


def test_dyn_results_are_accepted_for_both_kinds() -> None:
    assert ENV.compile("app.flag", "p", "R").returns is Returns.BOOL
    assert ENV.compile("app.text", "p", "R", returns=Returns.STRING).returns is Returns.STRING


def test_constants_are_compiled_in() -> None:
    compiled = ENV.compile("params.limit > app.n", "p", "R")
    bound = ENV.with_constants(compiled, {"params": {"limit": 5}})
    activation = ENV.activation({"app": {"n": 3}})  # no params bound at run time
    assert bound.evaluate(activation).value is True
    assert not compiled.evaluate(activation).ok


def test_bound_constants_survive_short_circuited_comprehensions() -> None:
    """Regression guard for the evaluator defect that made us refuse cel.bind in rules."""
    compiled = ENV.compile(
        "[1, 2, 3].exists(f, f == 1) && params.limit == 30 && "
        "[1, 2, 3].filter(x, x in params.seen) == [2]",
        "p", "R",
    )
    bound = ENV.with_constants(compiled, {"params": {"limit": 30, "seen": [2]}})
    assert bound.evaluate(ENV.activation({})).value is True


def test_constants_that_are_not_plain_data_fall_back() -> None:
    compiled = ENV.compile("params.x == 1", "p", "R")
    assert ENV.with_constants(compiled, {"params": {"x": object()}}) is compiled


def test_plain_makes_values_cel_can_read() -> None:
    assert plain({"d": date(2025, 1, 2), "s": {"b", "a"}, "t": (1,)}) == {
        "d": "2025-01-02", "s": ["a", "b"], "t": [1]
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("app.models.all(m, m.x) && has(app.quantum)", {"models", "quantum"}),
        ("app.?quantum.orValue(1)", {"quantum"}),
        ("app . owner == 'app'", {"owner"}),
        ("'app' + string(size(app.tags))", {"tags"}),
        ("m.app == 1", set()),  # a field named app is not the variable
        ("size(app) > 0", None),
        ("app['owner'] == 'x'", None),
        ("[app].size() == 1", None),
        ("app.models // app here is a comment\n .size() > 0", {"models"}),
        ("r'\\' + string(app.name)", {"name"}),
    ],
)
def test_fields_read_is_conservative(text: str, expected: set[str] | None) -> None:
    found = fields_read(text, "app")
    assert (None if found is None else set(found)) == expected


def test_code_only_empties_strings_and_comments() -> None:
    assert code_only("a == 'x.app' // app\n&& b") == 'a == "" \n&& b'


@pytest.mark.parametrize(
    "value",
    [None, True, 0, -3, 2.5, 1e20, "it's \"quoted\"\nline\u00e9", [1, "a", [None]],
     {"k": {"n": [1.0, False]}, "x": ""}, {1: "int key"}],
)
def test_literals_round_trip_through_cel(value: object) -> None:
    compiled = ENV.compile(f"{literal(value)} == params.v", "p", "R")
    assert compiled.evaluate(ENV.activation({"params": {"v": value}})).value is True


@pytest.mark.parametrize("value", [2**70, object(), {(1, 2): 3}, b"x", "\ud800"])
def test_literal_refuses_what_cel_cannot_hold(value: object) -> None:
    with pytest.raises(ValueError):
        literal(value)
