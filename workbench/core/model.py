"""A decoder-only Transformer in the Llama layout.

Pre-norm RMSNorm, rotary position embeddings (the rotate-half form that Hugging Face's
``LlamaModel`` uses), SwiGLU MLP, no biases, and output projection tied to the input
embedding. Parameter names follow ``LlamaForCausalLM`` so export is a rename-free copy.

Two attention paths share the same weights: ``scaled_dot_product_attention`` for training,
and an explicit masked softmax that also returns every layer's and head's weights for the
attention inspector (``forward(..., return_attention=True)``).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class ModelConfig:
    vocab_size: int
    hidden_size: int = 128
    num_layers: int = 4
    num_heads: int = 4
    num_kv_heads: int = 4
    intermediate_size: int = 0  # 0 picks Llama's rule: about 8/3 of hidden_size, rounded up to 32
    max_seq_len: int = 256
    rope_theta: float = 10000.0
    rms_norm_eps: float = 1e-5
    pad_token_id: int | None = None
    eos_token_id: int | None = None

    def __post_init__(self) -> None:
        if self.intermediate_size <= 0:
            self.intermediate_size = 32 * math.ceil(8 * self.hidden_size / 3 / 32)
        if self.hidden_size % self.num_heads:
            raise ValueError(
                f"hidden_size {self.hidden_size} is not divisible by num_heads {self.num_heads}; "
                "choose sizes where it is."
            )
        if self.num_heads % self.num_kv_heads:
            raise ValueError(
                f"num_heads {self.num_heads} is not divisible by num_kv_heads {self.num_kv_heads}."
            )
        if (self.hidden_size // self.num_heads) % 2:
            raise ValueError(f"The head size {self.hidden_size // self.num_heads} must be even for rotary embeddings.")

    @property
    def head_dim(self) -> int:
        return self.hidden_size // self.num_heads

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "ModelConfig":
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


class RMSNorm(nn.Module):
    def __init__(self, size: int, eps: float):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(size))
        self.eps = eps

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        dtype = x.dtype
        x32 = x.float()
        x32 = x32 * torch.rsqrt(x32.pow(2).mean(-1, keepdim=True) + self.eps)
        return self.weight * x32.to(dtype)


class RotaryEmbedding(nn.Module):
    def __init__(self, head_dim: int, theta: float):
        super().__init__()
        inv_freq = 1.0 / (theta ** (torch.arange(0, head_dim, 2, dtype=torch.int64).float() / head_dim))
        self.register_buffer("inv_freq", inv_freq, persistent=False)

    def forward(self, position_ids: torch.Tensor, dtype: torch.dtype) -> tuple[torch.Tensor, torch.Tensor]:
        # position_ids: (B, T) -> cos, sin: (B, 1, T, head_dim)
        freqs = position_ids[:, :, None].float() * self.inv_freq[None, None, :].float()  # (B, T, D/2)
        emb = torch.cat((freqs, freqs), dim=-1)  # (B, T, D)
        return emb.cos()[:, None].to(dtype), emb.sin()[:, None].to(dtype)


def rotate_half(x: torch.Tensor) -> torch.Tensor:
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def masked_softmax(scores: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Softmax over the last axis of ``scores`` where ``mask`` is True; 0 where it is False.

    Masked scores are filled with the lowest finite value instead of -inf, so a row with no
    visible key gives a finite softmax, which the final fill turns into an all-zero row:
    no NaN arises on any device or in an exported graph. In a row with a visible key the
    filled entries underflow to exactly 0, so such rows equal the -inf formulation.
    """
    filled = scores.masked_fill(~mask, torch.finfo(scores.dtype).min)
    return torch.softmax(filled, dim=-1).masked_fill(~mask, 0.0)


class Attention(nn.Module):
    def __init__(self, config: ModelConfig):
        super().__init__()
        self.num_heads = config.num_heads
        self.num_kv_heads = config.num_kv_heads
        self.head_dim = config.head_dim
        self.q_proj = nn.Linear(config.hidden_size, config.num_heads * self.head_dim, bias=False)
        self.k_proj = nn.Linear(config.hidden_size, config.num_kv_heads * self.head_dim, bias=False)
        self.v_proj = nn.Linear(config.hidden_size, config.num_kv_heads * self.head_dim, bias=False)
        self.o_proj = nn.Linear(config.num_heads * self.head_dim, config.hidden_size, bias=False)

    def forward(self, x, cos, sin, mask, return_attention: bool):
        B, T, _ = x.shape
        q = self.q_proj(x).view(B, T, self.num_heads, self.head_dim).transpose(1, 2)  # (B, H, T, D)
        k = self.k_proj(x).view(B, T, self.num_kv_heads, self.head_dim).transpose(1, 2)  # (B, KV, T, D)
        v = self.v_proj(x).view(B, T, self.num_kv_heads, self.head_dim).transpose(1, 2)  # (B, KV, T, D)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        if self.num_kv_heads != self.num_heads:
            repeat = self.num_heads // self.num_kv_heads
            k = k.repeat_interleave(repeat, dim=1)  # (B, H, T, D)
            v = v.repeat_interleave(repeat, dim=1)

        weights = None
        if return_attention:
            # Explicit path: the weights returned are exactly the ones applied to v.
            scores = (q @ k.transpose(-2, -1)) / math.sqrt(self.head_dim)  # (B, H, T, T)
            weights = masked_softmax(scores.float(), mask).to(q.dtype)
            y = weights @ v  # (B, H, T, D)
        elif mask is None:
            y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        else:
            # Rows with no visible key would give NaN; let them see themselves instead.
            # Their outputs belong to padding positions and are never used.
            safe = mask | ~mask.any(-1, keepdim=True) & torch.eye(T, dtype=torch.bool, device=x.device)
            y = F.scaled_dot_product_attention(q, k, v, attn_mask=safe)
        y = y.transpose(1, 2).reshape(B, T, self.num_heads * self.head_dim)  # (B, T, C)
        return self.o_proj(y), weights


class MLP(nn.Module):
    def __init__(self, config: ModelConfig):
        super().__init__()
        self.gate_proj = nn.Linear(config.hidden_size, config.intermediate_size, bias=False)
        self.up_proj = nn.Linear(config.hidden_size, config.intermediate_size, bias=False)
        self.down_proj = nn.Linear(config.intermediate_size, config.hidden_size, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class DecoderLayer(nn.Module):
    def __init__(self, config: ModelConfig):
        super().__init__()
        self.input_layernorm = RMSNorm(config.hidden_size, config.rms_norm_eps)
        self.self_attn = Attention(config)
        self.post_attention_layernorm = RMSNorm(config.hidden_size, config.rms_norm_eps)
        self.mlp = MLP(config)

    def forward(self, x, cos, sin, mask, return_attention):
        attended, weights = self.self_attn(self.input_layernorm(x), cos, sin, mask, return_attention)
        x = x + attended
        x = x + self.mlp(self.post_attention_layernorm(x))
        return x, weights


class DecoderBody(nn.Module):
    """The stack below the output head; named ``model`` in the parent, as in ``LlamaForCausalLM``."""

    def __init__(self, config: ModelConfig):
        super().__init__()
        self.embed_tokens = nn.Embedding(config.vocab_size, config.hidden_size)
        self.layers = nn.ModuleList(DecoderLayer(config) for _ in range(config.num_layers))
        self.norm = RMSNorm(config.hidden_size, config.rms_norm_eps)
        self.rotary = RotaryEmbedding(config.head_dim, config.rope_theta)


class DecoderLM(nn.Module):
    """Causal language model: ``forward(ids)`` returns logits of shape (B, T, vocab)."""

    def __init__(self, config: ModelConfig):
        super().__init__()
        self.config = config
        self.model = DecoderBody(config)
        self.lm_head = nn.Linear(config.hidden_size, config.vocab_size, bias=False)
        self.lm_head.weight = self.model.embed_tokens.weight  # tied
        self.apply(self._init_weights)

    @staticmethod
    def _init_weights(module: nn.Module) -> None:
        if isinstance(module, (nn.Linear, nn.Embedding)):
            nn.init.normal_(module.weight, mean=0.0, std=0.02)

    def num_parameters(self) -> int:
        return sum(p.numel() for p in self.parameters())

    def hidden_states(
        self,
        ids: torch.Tensor,
        attention_mask: torch.Tensor | None = None,
        position_ids: torch.Tensor | None = None,
        return_attention: bool = False,
    ):
        """Run the decoder stack; return the final normed states and, if asked, attention weights.

        ``attention_mask`` (B, T) marks real tokens with 1 and padding with 0. Without
        ``position_ids``, positions count from 0 at the first real token of each row, so a
        left-padded sequence gets the same rotary phases as the unpadded one.
        """
        B, T = ids.shape
        if T > self.config.max_seq_len:
            raise ValueError(
                f"Input of {T} tokens is longer than the model's context of "
                f"{self.config.max_seq_len}; shorten the text."
            )
        x = self.model.embed_tokens(ids)  # (B, T, C)
        if position_ids is None:
            if attention_mask is None:
                position_ids = torch.arange(T, device=ids.device).expand(B, T)
            else:
                position_ids = (attention_mask.long().cumsum(-1) - 1).clamp(min=0)
        cos, sin = self.model.rotary(position_ids, x.dtype)

        mask = None
        if attention_mask is not None or return_attention:
            causal = torch.ones(T, T, dtype=torch.bool, device=ids.device).tril()  # (T, T)
            mask = causal[None, None]  # (1, 1, T, T)
            if attention_mask is not None:
                mask = mask & attention_mask.bool()[:, None, None, :]  # (B, 1, T, T)
        all_weights = []
        for layer in self.model.layers:
            x, weights = layer(x, cos, sin, mask, return_attention)
            if return_attention:
                all_weights.append(weights)
        x = self.model.norm(x)
        if return_attention:
            return x, torch.stack(all_weights, dim=1)  # (B, L, H, T, T)
        return x, None

    def forward(
        self,
        ids: torch.Tensor,
        attention_mask: torch.Tensor | None = None,
        position_ids: torch.Tensor | None = None,
        return_attention: bool = False,
    ):
        x, weights = self.hidden_states(ids, attention_mask, position_ids, return_attention)
        logits = self.lm_head(x)  # (B, T, vocab)
        if return_attention:
            return logits, weights
        return logits

    @torch.no_grad()
    def generate(self, ids: torch.Tensor, max_new_tokens: int, temperature: float = 1.0, top_k: int | None = None):
        """Sample ``max_new_tokens`` after ``ids`` (greedy when ``temperature`` is 0)."""
        for _ in range(max_new_tokens):
            context = ids[:, -self.config.max_seq_len :]
            logits = self(context)[:, -1, :]
            if temperature <= 0:
                next_id = logits.argmax(-1, keepdim=True)
            else:
                logits = logits / temperature
                if top_k:
                    kth = torch.topk(logits, min(top_k, logits.size(-1))).values[:, [-1]]
                    logits = logits.masked_fill(logits < kth, float("-inf"))
                next_id = torch.multinomial(torch.softmax(logits, -1), 1)
            ids = torch.cat([ids, next_id], dim=1)
        return ids
