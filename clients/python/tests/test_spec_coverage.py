"""Fails when openapi/openapi.json gains a /hf/tasks route, a request field or a response field
that gatewayz-py-hf does not cover."""

from __future__ import annotations

import dataclasses
import inspect
import json
import types
import typing
from pathlib import Path
from typing import Any, Callable

import pytest

import gatewayz_py_hf as gw
from gatewayz_py_hf import AsyncGatewayzClient, GatewayzClient

SPEC = json.loads((Path(__file__).parents[3] / "openapi" / "openapi.json").read_text())
SCHEMAS = SPEC["components"]["schemas"]

# operationId -> the client methods that call it (stream variants included)
METHODS = {
    "tasks-textGeneration": ["text_generation", "text_generation_stream"],
    "tasks-conversational": ["conversational", "conversational_stream"],
    "tasks-summarization": ["summarization"],
    "tasks-translation": ["translation"],
    "tasks-questionAnswering": ["question_answering"],
    "tasks-textClassification": ["text_classification"],
    "tasks-tokenClassification": ["token_classification"],
    "tasks-imageGeneration": ["image_generation"],
    "tasks-embedding": ["embedding"],
    "tasks-run": ["run", "run_stream"],
    "models-list": ["list_models"],
    "models-map": ["map_model"],
    "billing-cost": ["calculate_cost"],
    "billing-usage": ["get_usage", "get_usage_csv"],
}
OPERATIONS = [
    (path, method, operation)
    for path, methods in SPEC["paths"].items()
    if path.startswith("/hf/tasks/")
    for method, operation in methods.items()
]


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    return SCHEMAS[schema["$ref"].split("/")[-1]] if "$ref" in schema else schema


def unwrap(kind: Any) -> Any:
    """X | None -> X; list[X] -> X."""
    while True:
        if typing.get_origin(kind) in (typing.Union, types.UnionType):
            options = [option for option in typing.get_args(kind) if option is not type(None)]
            if len(options) != 1:
                return kind
            kind = options[0]
        elif typing.get_origin(kind) is list:
            kind = typing.get_args(kind)[0]
        else:
            return kind


def test_every_operation_has_its_methods_on_both_clients() -> None:
    assert len(OPERATIONS) > 10
    assert sorted(operation["operationId"] for _, _, operation in OPERATIONS) == sorted(METHODS)
    for client in (GatewayzClient, AsyncGatewayzClient):
        for names in METHODS.values():
            for name in names:
                assert callable(getattr(client, name, None)), f"{client.__name__} lacks {name}"


def covers_object(kind: Any, schema: dict[str, Any], where: str) -> None:
    """`kind` (a dataclass or TypedDict) has every property of `schema`, recursively."""
    schema = resolve(schema)
    if "anyOf" in schema:
        return  # the embedding output's list-or-list-of-lists: covered by its union type
    if schema.get("type") == "array":
        return covers_object(unwrap(kind), schema["items"], where + "[]")
    properties = schema.get("properties")
    if not properties:
        return
    hints = typing.get_type_hints(kind)
    for name, property_schema in properties.items():
        assert name in hints, f"{where}: {kind.__name__} lacks the field {name!r}"
        target = unwrap(hints[name])
        if dataclasses.is_dataclass(target) or typing.is_typeddict(target):
            covers_object(target, property_schema, f"{where}.{name}")


@pytest.mark.parametrize(("path", "method", "operation"), OPERATIONS, ids=[operation["operationId"] for _, _, operation in OPERATIONS])
def test_results_cover_every_response_field(path: str, method: str, operation: dict[str, Any]) -> None:
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    name = schema["$ref"].split("/")[-1]
    kind = getattr(gw, name)
    assert dataclasses.is_dataclass(kind)
    covers_object(kind, schema, name)


@pytest.mark.parametrize(("path", "method", "operation"), OPERATIONS, ids=[operation["operationId"] for _, _, operation in OPERATIONS])
def test_methods_accept_every_request_field(path: str, method: str, operation: dict[str, Any]) -> None:
    fields: dict[str, dict[str, Any] | None]
    if method == "get":
        fields = {parameter["name"]: None for parameter in operation.get("parameters", []) if parameter["in"] == "query"}
    else:
        body = resolve(operation["requestBody"]["content"]["application/json"]["schema"])
        fields = {name: resolve(value) for name, value in body["properties"].items()}
    for name in METHODS[operation["operationId"]]:
        function: Callable[..., Any] = getattr(GatewayzClient, name)
        accepted = {parameter.rstrip("_") for parameter in inspect.signature(function).parameters} - {"self"}
        hints = typing.get_type_hints(function)
        for field_name, field_schema in fields.items():
            if field_name == "stream":
                assert name.endswith("_stream") or f"{name}_stream" in METHODS[operation["operationId"]] or operation["operationId"] not in (
                    "tasks-textGeneration",
                    "tasks-conversational",
                    "tasks-run",
                ), name
                continue
            if field_name == "format":  # billing/usage's format=csv is get_usage_csv (the credits issue adds it)
                assert "get_usage_csv" in METHODS[operation["operationId"]]
                continue
            assert field_name in accepted, f"{name} lacks the argument {field_name!r} ({operation['operationId']})"
            target = unwrap(hints.get(field_name) or hints.get(field_name + "_"))
            if field_schema is not None and typing.is_typeddict(target):
                covers_object(target, field_schema, f"{name}({field_name})")
