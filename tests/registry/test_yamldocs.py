"""Multi-document YAML with positions in the whole file."""

from __future__ import annotations

import pytest

from microgate.errors import InputError
from microgate.registry.yamldocs import load_yaml_documents
from microgate.yamlio import Limits


def test_documents_and_their_positions() -> None:
    text = "# head\na: 1\n---\n# c\nb:\n  c: [x, y]\n--- {d: é}\n---\n"
    docs = load_yaml_documents(text, source="f.yaml")
    assert [d.data for d in docs] == [{"a": 1}, {"b": {"c": ["x", "y"]}}, {"d": "é"}, None]
    assert docs[0].position(("a",)) == (2, 4)
    assert docs[1].position(("b", "c", 1)) == (6, 10)
    assert docs[2].position(("d",)) == (7, 9)


def test_an_alias_bomb_in_one_document_is_refused() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    with pytest.raises(InputError, match=r"more than .* (alias expansions|values)"):
        load_yaml_documents("ok: 1\n---\n" + bomb, source="f.yaml")


def test_size_limits() -> None:
    with pytest.raises(InputError, match="larger than the 10-byte limit"):
        load_yaml_documents("a: 1234567890\n", source="f.yaml", max_total_bytes=10)
    with pytest.raises(InputError, match="a document larger than") as caught:
        load_yaml_documents(
            "a: 1\n---\nb: 1234567890\n", source="f.yaml", limits=Limits(max_bytes=8)
        )
    assert caught.value.problems[0].line == 3


def test_a_byte_order_mark_is_ignored() -> None:
    docs = load_yaml_documents("\ufeffa: 1\n", source="f.yaml")
    assert docs[0].data == {"a": 1}
    assert docs[0].position(("a",)) == (1, 4)
