"""The published JSON Schema of an input line (``schema/extraction.schema.json``)."""

from __future__ import annotations

import json
from pathlib import Path

from actorgraph.graph.models import EventRelation, Extraction

SCHEMA = Path(__file__).parents[1] / "schema" / "extraction.schema.json"


def test_the_published_schema_is_the_models() -> None:
    # To publish it again after changing the models:
    #   .venv/bin/python -c 'import json; from actorgraph.graph.models import Extraction;
    #     print(json.dumps(Extraction.model_json_schema(), indent=2, ensure_ascii=False))'
    #     > schema/extraction.schema.json
    assert json.loads(SCHEMA.read_text(encoding="utf-8")) == Extraction.model_json_schema()


def test_an_event_without_codes_gets_its_types() -> None:
    line = {
        "source": "dhs",
        "target": "italy",
        "type": "SANCTIONED",
        "doc": "d1",
        "evidence": "The US sanctioned Italy.",
        "start": 0,
        "end": 24,
        "confidence": 0.5,
        "rule": "test",
    }
    derived = EventRelation.model_validate_json(json.dumps(line))
    assert (derived.cameo, derived.plover) == ("163", "SANCTION")
    given = EventRelation.model_validate({**line, "cameo": "162", "plover": None})
    assert (given.cameo, given.plover) == ("162", None)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert "cameo" not in schema["$defs"]["EventRelation"]["required"]
