"""Renders the differential corpus with Python's Jinja2, as Sesam's mail sink does.

Reads corpus.jsonl (one case a line) and default-entity.json (the entity of cases that give none), and writes one
JSON line per case and mode: {"id", "mode", "subject", "body", "text"} or {"id", "mode", "error"}.
The subject is folded to one line the way the component folds it (EntityMailRenderer.oneLine).
"""
import json
import re
import sys

from jinja2 import DebugUndefined, StrictUndefined, Undefined
from jinja2.sandbox import SandboxedEnvironment

UNDEFINED = {"debug": DebugUndefined, "empty_string": Undefined, "strict": StrictUndefined}
LINE_BREAKS = re.compile(r"\s*[\r\n\u0085\u2028\u2029]+\s*")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def one_line(subject):
    return CONTROL.sub(" ", LINE_BREAKS.sub(" ", subject)).strip()


def main(corpus, default_entity):
    with open(default_entity, encoding="utf-8") as f:
        default = json.load(f)
    environments = {mode: SandboxedEnvironment(undefined=cls) for mode, cls in UNDEFINED.items()}
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            case = json.loads(line)
            entity = dict(case.get("entity", default))
            entity["_id"] = case["id"]
            # the component reads the templates from the entity, so templates see them as variables too
            entity["subject_template"] = case["subject"]
            entity["body_template"] = case["body"]
            if "text" in case:
                entity["text_body_template"] = case["text"]
            variables = dict(entity)
            variables.setdefault("entity", entity)
            for mode in case.get("modes", ["debug"]):
                env = environments[mode]
                result = {"id": case["id"], "mode": mode}
                try:
                    result["subject"] = one_line(env.from_string(case["subject"]).render(variables))
                    result["body"] = env.from_string(case["body"]).render(variables)
                    if "text" in case:
                        result["text"] = env.from_string(case["text"]).render(variables)
                except Exception as e:  # a template error fails the entity in the component too
                    result = {"id": case["id"], "mode": mode, "error": type(e).__name__ + ": " + str(e)}
                sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
