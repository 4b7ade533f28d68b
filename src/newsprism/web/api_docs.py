"""/docs: the offline API explorer, drawn server-side from the app's own OpenAPI document.

Every route with its parameters (where, type, bounds, pattern), its answers (status, meaning, the
response model) and every model's fields, as plain HTML from a Jinja template with autoescape on:
no CDN assets, no inline script (the "Try" forms are driven by /static/app.js).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from newsprism.web.pages import render

router = APIRouter()
REF = "#/components/schemas/"


def type_of(schema: dict[str, Any]) -> tuple[str, str | None]:
    """A schema as a short type label and the model it links to (or None)."""
    if "$ref" in schema:
        name = str(schema["$ref"]).removeprefix(REF)
        return name, name
    options = schema.get("anyOf")
    if options:
        labels = [type_of(o) for o in options]
        link = next((ref for _, ref in labels if ref), None)
        return " or ".join(label for label, _ in labels), link
    kind = schema.get("type", "any")
    if kind == "array":
        label, link = type_of(schema.get("items", {}))
        return f"list of {label}", link
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        label, link = type_of(schema["additionalProperties"])
        return f"map of {label}", link
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"]), None
    return (f"{kind} ({schema['format']})" if "format" in schema else str(kind)), None


def bounds_of(schema: dict[str, Any]) -> str:
    """Limits a parameter is held to: minimum, maximum, length, pattern."""
    for option in schema.get("anyOf", [schema]):
        parts = [f"{word} {option[key]}" for key, word in (("minimum", "min"), ("maximum", "max"),
                                                          ("maxLength", "max length"))
                 if key in option]
        if "pattern" in option:
            parts.append(f"pattern {option['pattern']}")
        if parts:
            return ", ".join(parts)
    return ""


def _param(p: dict[str, Any]) -> dict[str, Any]:
    schema = p.get("schema", {})
    label, link = type_of(schema)
    default = schema.get("default")
    return {"name": p["name"], "in": p["in"], "required": bool(p.get("required")), "type": label,
            "link": link, "bounds": bounds_of(schema), "description": p.get("description", ""),
            "default": "" if default is None else str(default)}


def _response(status: str, response: dict[str, Any]) -> dict[str, Any]:
    content = response.get("content", {})
    json_schema = content.get("application/json", {}).get("schema")
    if json_schema is not None:
        label, link = type_of(json_schema)
    else:
        label, link = (", ".join(sorted(content)) or "no body"), None
    return {"status": status, "description": response.get("description", ""), "type": label, "link": link}


def operations(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation of the document, in its order, ready for the template."""
    ops = []
    for path, methods in doc.get("paths", {}).items():
        for method, op in methods.items():
            ops.append({
                "path": path, "method": method.upper(), "summary": op.get("summary", ""),
                "tag": (op.get("tags") or ["other"])[0],
                "params": [_param(p) for p in op.get("parameters", [])],
                "body": "requestBody" in op or method in ("post", "put", "patch"),
                "responses": [_response(s, r) for s, r in sorted(op.get("responses", {}).items())],
            })
    return ops


def models(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Every model of the document with its fields (name, type, required, link)."""
    out = []
    for name, schema in sorted(doc.get("components", {}).get("schemas", {}).items()):
        required = set(schema.get("required", []))
        fields = []
        for field, sub in schema.get("properties", {}).items():
            label, link = type_of(sub)
            fields.append({"name": field, "type": label, "link": link, "required": field in required})
        out.append({"name": name, "description": schema.get("description", schema.get("title", "")),
                    "fields": fields, "type": "" if fields else type_of(schema)[0]})
    return out


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
@router.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
def api_docs(request: Request) -> HTMLResponse:
    """The API explorer: routes, parameters, answers and models, served offline."""
    doc = request.app.openapi()
    return render(request, "docs.html", ops=operations(doc), models=models(doc),
                  title=doc["info"]["title"], version=doc["info"].get("version", ""))
