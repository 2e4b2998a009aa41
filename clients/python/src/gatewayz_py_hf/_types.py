"""Request and response types, matching the gateway's OpenAPI schemas (openapi/openapi.json).

Requests' ``parameters`` are TypedDicts; responses are frozen dataclasses decoded from JSON. Every
response also carries ``cost_nano_usd`` (the ``X-Gatewayz-Cost-Nano-Usd`` header) and
``inference_id`` (the ``Inference-Id`` header). tests/test_spec_coverage.py fails when the spec
gains a field that these do not cover.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, TypedDict, TypeVar, Union

TaskType = Literal[
    "text-generation",
    "conversational",
    "summarization",
    "translation",
    "question-answering",
    "text-classification",
    "token-classification",
    "image-generation",
    "embedding",
]


class Grammar(TypedDict):
    """TGI's grammar: `{"type": "json", "value": <JSON schema>}` (served as structured output)."""

    type: Literal["json", "json_object", "json_schema", "regex"]
    value: Any


class GenerationParameters(TypedDict, total=False):
    model: str
    max_tokens: int
    max_new_tokens: int
    temperature: float
    top_p: float
    stop: str | list[str]
    seed: int
    stream: bool
    grammar: Grammar | None


class TranslationParameters(GenerationParameters, total=False):
    src_lang: str
    tgt_lang: str


class TextClassificationParameters(GenerationParameters, total=False):
    candidate_labels: list[str]
    top_k: int


class TokenClassificationParameters(GenerationParameters, total=False):
    labels: list[str]


class ImageGenerationParameters(TypedDict, total=False):
    model: str
    negative_prompt: str
    width: int
    height: int
    num_inference_steps: int
    guidance_scale: float
    seed: int


class EmbeddingParameters(TypedDict, total=False):
    model: str
    dimensions: int


class MappingParameters(TypedDict, total=False):
    max_tokens: int
    max_new_tokens: int
    temperature: float
    top_p: float
    top_k: int
    repetition_penalty: float
    stop: str | list[str]
    seed: int
    do_sample: bool
    return_full_text: bool
    candidate_labels: list[str]
    labels: list[str]
    multi_label: bool
    hypothesis_template: str
    src_lang: str
    tgt_lang: str


class QuestionAnsweringInputs(TypedDict):
    question: str
    context: str


class CostRequest(TypedDict):
    task: TaskType
    model: str
    input_tokens: int
    output_tokens: int


class TaskStreamToken(TypedDict):
    id: int
    text: str
    logprob: float
    special: bool


class TaskStreamEvent(TypedDict, total=False):
    """One event of a task stream (TGI's shape); the final one also has the text and the usage."""

    index: int
    token: TaskStreamToken
    generated_text: str | None
    conversation: dict[str, list[str]]
    details: dict[str, Any] | None
    usage: dict[str, int]


@dataclass(frozen=True)
class Response:
    """What every result carries besides its body."""

    #: The call's cost in nano-USD (X-Gatewayz-Cost-Nano-Usd); None when the response had none.
    cost_nano_usd: int | None = field(default=None, kw_only=True, compare=False)
    #: The Inference-Id header.
    inference_id: str | None = field(default=None, kw_only=True, compare=False)


@dataclass(frozen=True)
class GeneratedText:
    generated_text: str


@dataclass(frozen=True)
class TextGenerationResponse(Response):
    output: list[GeneratedText]


@dataclass(frozen=True)
class Conversation:
    past_user_inputs: list[str]
    generated_responses: list[str]


@dataclass(frozen=True)
class ConversationalResponse(Response):
    conversation: Conversation


@dataclass(frozen=True)
class Summary:
    summary_text: str


@dataclass(frozen=True)
class SummarizationResponse(Response):
    output: Summary


@dataclass(frozen=True)
class Translation:
    translation_text: str


@dataclass(frozen=True)
class TranslationResponse(Response):
    output: Translation


@dataclass(frozen=True)
class Answer:
    answer: str
    score: float
    start: int
    end: int


@dataclass(frozen=True)
class QuestionAnsweringResponse(Response):
    output: Answer


@dataclass(frozen=True)
class LabelScore:
    label: str
    score: float


@dataclass(frozen=True)
class TextClassificationResponse(Response):
    output: list[LabelScore]


@dataclass(frozen=True)
class Entity:
    entity_group: str
    score: float
    word: str
    start: int
    end: int


@dataclass(frozen=True)
class TokenClassificationResponse(Response):
    output: list[Entity]


@dataclass(frozen=True)
class GeneratedImage:
    #: The image, base64-encoded.
    image: str
    content_type: Literal["image/png", "image/jpeg", "image/webp"]


@dataclass(frozen=True)
class ImageGenerationResponse(Response):
    output: GeneratedImage


@dataclass(frozen=True)
class EmbeddingResponse(Response):
    #: One vector for a string input; one per input, in order, for a list.
    output: list[float] | list[list[float]]


@dataclass(frozen=True)
class RunResponse(Response):
    """The named task's response body, as JSON (``{"output": ...}`` or ``{"conversation": ...}``)."""

    body: dict[str, Any]


@dataclass(frozen=True)
class ModelMapping:
    model_id: str
    hub_model_id: str
    task_type: TaskType
    parameters: dict[str, Any]


@dataclass(frozen=True)
class ModelList(Response):
    models: list[ModelMapping]
    count: int
    task_types: list[TaskType]


@dataclass(frozen=True)
class MapModelResponse(Response):
    success: bool
    provider_model_id: str
    hub_model_id: str
    message: str


@dataclass(frozen=True)
class Cost:
    task: TaskType
    model: str
    input_tokens: int
    output_tokens: int
    cost_nano_usd: int
    #: Exactly cost_nano_usd / 1e9; use cost_nano_usd for arithmetic.
    cost_usd: float


@dataclass(frozen=True)
class CostResponse(Response):
    total_cost_nano_usd: int
    costs: list[Cost]
    currency: Literal["USD"]


@dataclass(frozen=True)
class UsageRecord:
    request_id: str
    timestamp: str
    task: str
    model: str
    provider: str | None
    status: Literal["success", "error", "partial"]
    input_tokens: int
    output_tokens: int
    cost_nano_usd: int


@dataclass(frozen=True)
class UsageResponse(Response):
    records: list[UsageRecord]
    total_records: int
    total_cost_nano_usd: int


T = TypeVar("T")


def decode(kind: type[T], value: Any, **meta: Any) -> T:
    """Builds ``kind`` from JSON; fields the spec may add later are ignored (the coverage test catches them)."""
    return typing.cast(T, _decode(kind, value, meta))


def _decode(kind: Any, value: Any, meta: dict[str, Any]) -> Any:
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        if not isinstance(value, dict):
            raise TypeError(f"expected an object for {kind.__name__}")
        hints = typing.get_type_hints(kind)
        fields = {f.name: f for f in dataclasses.fields(kind) if f.init}
        if kind is RunResponse:
            return RunResponse(body=value, **meta)
        own = [name for name in fields if not (issubclass(kind, Response) and name in Response.__dataclass_fields__)]
        arguments = {name: _decode(hints[name], value[name], {}) for name in own if name in value}
        return kind(**arguments, **meta)
    origin = typing.get_origin(kind)
    if origin is list:
        (item,) = typing.get_args(kind)
        if not isinstance(value, list):
            raise TypeError("expected an array")
        return [_decode(item, entry, {}) for entry in value]
    if origin in (Union, types.UnionType):
        for option in typing.get_args(kind):
            try:
                return _decode(option, value, {})
            except TypeError:
                continue
        raise TypeError(f"no option of {kind} matches")
    if kind is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        raise TypeError("expected a number")
    if kind is type(None):
        if value is None:
            return None
        raise TypeError("expected null")
    if kind in (str, int, bool) and not isinstance(value, kind):
        raise TypeError(f"expected {kind.__name__}")
    return value
