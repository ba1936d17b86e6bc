#!/usr/bin/env python3
"""Dev tool: print candidate Model records harvested from package wheels.

Not used by `kg build`. It reads the wheels of `transformers` and `timm` (downloaded with
`pip download --no-deps -d /tmp/wheels transformers timm`) as zip files and prints one JSON
candidate per line:

    {"source": "transformers", "model_type": "blip-2", "config": "Blip2Config",
     "title": "BLIP-2", "checkpoint": "Salesforce/blip2-opt-2.7b"}
    {"source": "timm", "file": "vision_transformer", "title": "Vision Transformer (ViT) in PyTorch",
     "prefixes": ["vit", ...], "tags": ["openai", "laion2b", ...], "n_models": 163}

`title` is the first line of the module docstring of `configuration_<module>.py` with
" model configuration" cut off (the library's own display spelling, when it has one);
`checkpoint` is the first Hub checkpoint named in that file (a hint for spelling and sizes).
Sub-configs that live in another model's module (`blip_2_qformer`, `*_text_model`,
`*_vision_model`, ...) and generic wrappers (`auto`, `encoder-decoder`, ...) are skipped.

The candidates are raw. The curated knowledge-base file (ontology/kb/models.jsonl) was written
by hand on top of this output: canonical spelling, versions as distinct entities, aliases used
in papers, families, and the many well-known API-only models no package registers.

Usage: python scripts/harvest_models.py [WHEEL_DIR] > /tmp/model_candidates.jsonl
"""
from __future__ import annotations

import ast
import re
import sys
import zipfile

from wheels import print_harvest

#: Generic wrappers and helpers in CONFIG_MAPPING_NAMES that are not models.
NOT_MODELS = {
    "auto", "encoder-decoder", "speech-encoder-decoder", "vision-encoder-decoder",
    "vision-text-dual-encoder", "bert-generation", "timm_backbone", "timm_wrapper", "rag",
}
#: Model types ending like this, kept in another model's module, are parts of that model.
SUB_CONFIG = re.compile(
    r"_(text|vision|audio|video)(_model|_encoder)?$|_(encoder|decoder|qformer|perceiver|perciever"
    r"|vqgan|vqmodel|hifigan|backbone|head|tokenizer|talker.*|thinker|token2wav|bigvgan|dit"
    r"|mask_decoder|prompt_encoder|vision_model|.*_encoder|.*_decoder|assistant)$")


def _first_doc_line(text: str) -> str:
    try:
        doc = ast.get_docstring(ast.parse(text)) or ""
    except SyntaxError:
        return ""
    return doc.strip().splitlines()[0].strip() if doc.strip() else ""


def _literal_dict(text: str, var: str) -> dict[str, str]:
    for node in ast.parse(text).body:
        if (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id == var):
            return dict(ast.literal_eval(node.value.args[0]))
    return {}


def harvest_transformers(zf: zipfile.ZipFile):
    auto = zf.read("transformers/models/auto/auto_mappings.py").decode("utf-8")
    configs = _literal_dict(auto, "CONFIG_MAPPING_NAMES")
    modules = _literal_dict(auto, "SPECIAL_MODEL_TYPE_TO_MODULE_NAME")
    names = set(zf.namelist())
    own = {t.replace("-", "_") for t in configs}
    for model_type, config in configs.items():
        module = modules.get(model_type, model_type.replace("-", "_"))
        # A part of another model lives in that model's module (`blip_2_qformer` -> `blip_2`);
        # a model type with a module of its own (`qwen2_audio`) is a model, whatever its suffix.
        part = module != model_type.replace("-", "_") and (
            module in own or SUB_CONFIG.search(model_type))
        if model_type in NOT_MODELS or part:
            continue
        title = checkpoint = None
        for n in sorted(names):
            if n.startswith(f"transformers/models/{module}/configuration_") and n.endswith(".py"):
                text = zf.read(n).decode("utf-8", "replace")
                line = _first_doc_line(text)
                title = re.sub(r"\s*(model\s*)?configurations?\.?$", "", line, flags=re.I) or None
                m = re.search(r"checkpoint=\"([^\"]+)\"", text)
                checkpoint = m.group(1) if m else None
                break
        yield {"source": "transformers", "model_type": model_type, "config": config,
               "title": title, "checkpoint": checkpoint}


def harvest_timm(zf: zipfile.ZipFile):
    for n in sorted(zf.namelist()):
        if not re.fullmatch(r"timm/models/[a-z][\w]*\.py", n):
            continue
        text = zf.read(n).decode("utf-8", "replace")
        models = re.findall(r"@register_model\s*\ndef (\w+)\(", text)
        if not models:
            continue
        tags = sorted(set(re.findall(r"['\"][a-z]\w*\.([a-z][\w]*)['\"]\s*:", text)))
        prefixes = sorted({m.split("_")[0] for m in models})
        yield {"source": "timm", "file": n[len("timm/models/"):-3], "title": _first_doc_line(text),
               "prefixes": prefixes, "tags": tags, "n_models": len(models)}


def main(argv: list[str]) -> int:
    return print_harvest(argv[1] if len(argv) > 1 else "/tmp/wheels", (("transformers", harvest_transformers), ("timm", harvest_timm)))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
