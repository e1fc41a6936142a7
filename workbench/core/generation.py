"""Text generation from a language-model checkpoint: temperature and top-k sampling."""

from __future__ import annotations

from pathlib import Path

import torch

from . import checkpoints
from .tokenizer import EOT, load_tokenizer


def generate_text(
    checkpoint_dir: Path,
    fallback_tokenizer: Path,
    prompt: str,
    max_new_tokens: int = 200,
    temperature: float = 0.8,
    top_k: int = 40,
    seed: int | None = None,
    device: str = "cpu",
    stop_at_end_of_text: bool = True,
) -> dict:
    """Continue ``prompt`` with the checkpoint's model; return the prompt, the continuation and the ids.

    ``temperature`` 0 picks the most likely token; ``top_k`` 0 samples from every token.
    The checkpoint's own tokenizer is used, or ``fallback_tokenizer`` for checkpoints saved without one.
    """
    if max_new_tokens <= 0:
        raise ValueError(f"max_new_tokens={max_new_tokens} is invalid; it must be a positive whole number.")
    if temperature < 0:
        raise ValueError(f"temperature={temperature} is invalid; it must be 0 (greedy) or more.")
    if top_k < 0:
        raise ValueError(f"top_k={top_k} is invalid; it must be 0 (no limit) or more.")
    model, config = checkpoints.load_model(checkpoint_dir, device)
    tokenizer = load_tokenizer(checkpoints.tokenizer_path(checkpoint_dir, fallback_tokenizer))
    eot = tokenizer.token_to_id(EOT)
    ids = tokenizer.encode(prompt).ids if prompt else []
    if not ids:
        # An empty prompt starts where a document starts: after an end-of-text token.
        ids = [eot if eot is not None else 0]
        prompt_length = 0
    else:
        prompt_length = len(ids)
    generator = torch.Generator(device=device)
    if seed is not None:
        generator.manual_seed(seed)
    else:
        generator.seed()
    context = torch.tensor([ids], dtype=torch.long, device=device)
    new_ids: list[int] = []
    with torch.no_grad():
        for _ in range(max_new_tokens):
            window = context[:, -model.config.max_seq_len :]
            logits = model(window)[:, -1, :].float()
            if temperature == 0:
                next_id = logits.argmax(-1, keepdim=True)
            else:
                logits = logits / temperature
                if top_k:
                    kth = torch.topk(logits, min(top_k, logits.size(-1))).values[:, [-1]]
                    logits = logits.masked_fill(logits < kth, float("-inf"))
                next_id = torch.multinomial(torch.softmax(logits, -1), 1, generator=generator)
            token = int(next_id)
            if stop_at_end_of_text and token == eot:
                break
            new_ids.append(token)
            context = torch.cat([context, next_id], dim=1)
    continuation = tokenizer.decode(new_ids, skip_special_tokens=False)
    return {
        "prompt": prompt,
        "text": continuation,
        "prompt_tokens": prompt_length,
        "new_tokens": len(new_ids),
        "ids": new_ids,
        "step": config.get("step"),
    }
