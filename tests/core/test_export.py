"""Export to a Hugging Face Llama folder, checked against transformers itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from workbench.core import checkpoints
from workbench.core.export import ExportError, export_hf
from workbench.core.jobs import JobContext
from workbench.core.model import DecoderLM, ModelConfig
from workbench.core.tokenizer import EOT, PAD, UNK, load_tokenizer
from workbench.core.training import train

MIXED_TEXT = "Hello 世界! 我住在北京。 🙂 unseen 字 ok"

EXPORT_FILES = [
    "README.md", "config.json", "generation_config.json", "model.safetensors",
    "special_tokens_map.json", "tokenizer.json", "tokenizer_config.json",
]


@pytest.fixture(scope="module")
def bpe_project(tmp_path_factory, build_project, mixed_lines):
    return build_project(tmp_path_factory.mktemp("bpe"), mixed_lines * 5, kind="bytebpe", vocab_size=300)


@pytest.fixture(scope="module")
def trained_export(bpe_project, tiny_train_config, tmp_path_factory):
    """A 30-step trained model exported with its byte-level BPE tokenizer: (checkpoint, out)."""
    result = train(bpe_project, tiny_train_config(seq_len=48), JobContext())
    out = tmp_path_factory.mktemp("export") / "hf"
    export_hf(Path(result["checkpoint"]), bpe_project.tokenizer_path, out, {"name": "test model"})
    return Path(result["checkpoint"]), out


@pytest.fixture(scope="module")
def sharp_export(bpe_project, tmp_path_factory, sharp_model):
    """A grouped-query model with large random weights, so attention is far from uniform."""
    vocab = load_tokenizer(bpe_project.tokenizer_path).get_vocab_size()
    model = sharp_model(vocab_size=vocab, hidden_size=32, num_layers=2, num_heads=4, num_kv_heads=2, max_seq_len=48)
    root = tmp_path_factory.mktemp("sharp")
    checkpoints.save(root / "checkpoint", model, None, {"step": 0})
    out = export_hf(root / "checkpoint", bpe_project.tokenizer_path, root / "hf")
    return root / "checkpoint", out


@pytest.fixture(scope="module", params=["trained", "sharp"])
def exported(request):
    """Each exported model in turn: (our model, Hugging Face folder)."""
    checkpoint, out = request.getfixturevalue(f"{request.param}_export")
    model, _ = checkpoints.load_model(checkpoint)
    return model, out


def load_hf(out: Path, attn_implementation: str = "sdpa"):
    model, info = AutoModelForCausalLM.from_pretrained(
        out, output_loading_info=True, attn_implementation=attn_implementation, dtype=torch.float32
    )
    return model.eval(), info


def padded_batch(bpe_project) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Two mixed texts, the shorter left-padded: ids, attention mask and position ids."""
    tokenizer = load_tokenizer(bpe_project.tokenizer_path)
    long_ids = tokenizer.encode(MIXED_TEXT).ids
    short_ids = tokenizer.encode("我住在北京 ok").ids
    pad = tokenizer.token_to_id(PAD)
    width = len(long_ids)
    ids = torch.tensor([[pad] * (width - len(short_ids)) + short_ids, long_ids])
    mask = torch.tensor([[0] * (width - len(short_ids)) + [1] * len(short_ids), [1] * width])
    positions = (mask.cumsum(-1) - 1).clamp(min=0)
    return ids, mask, positions


def test_export_writes_files(trained_export):
    _, out = trained_export

    assert sorted(p.name for p in out.iterdir()) == EXPORT_FILES


def test_export_config_sizes(trained_export):
    _, out = trained_export

    config = json.loads((out / "config.json").read_text(encoding="utf-8"))

    assert config["model_type"] == "llama"
    assert config["hidden_size"] == 32
    assert config["num_hidden_layers"] == 2
    assert config["num_attention_heads"] == 4
    assert config["tie_word_embeddings"] is True


def test_export_tokenizer_config(trained_export, bpe_project):
    _, out = trained_export
    tokenizer = load_tokenizer(bpe_project.tokenizer_path)

    config = json.loads((out / "tokenizer_config.json").read_text(encoding="utf-8"))
    specials = json.loads((out / "special_tokens_map.json").read_text(encoding="utf-8"))
    generation = json.loads((out / "generation_config.json").read_text(encoding="utf-8"))

    assert config["tokenizer_class"] == "PreTrainedTokenizerFast"
    assert specials == {"eos_token": EOT, "pad_token": PAD}
    assert generation["eos_token_id"] == tokenizer.token_to_id(EOT)
    assert generation["pad_token_id"] == tokenizer.token_to_id(PAD)


def test_export_readme_card(trained_export):
    _, out = trained_export

    readme = (out / "README.md").read_text(encoding="utf-8")

    assert "# test model" in readme
    assert "- Steps: 30" in readme


def test_hf_loads_without_key_mismatch(exported):
    _, out = exported

    _, info = load_hf(out)

    assert not info["missing_keys"]
    assert not info["unexpected_keys"]
    assert not info["mismatched_keys"]


def test_hf_logits_match(exported, bpe_project):
    model, out = exported
    hf, _ = load_hf(out)
    ids = torch.tensor([load_tokenizer(bpe_project.tokenizer_path).encode(MIXED_TEXT).ids])

    with torch.no_grad():
        ours = model(ids)
        theirs = hf(ids).logits

    assert theirs.shape == ours.shape
    assert torch.allclose(ours, theirs, atol=1e-4), (ours - theirs).abs().max()


def test_hf_padded_batch_logits_match(exported, bpe_project):
    model, out = exported
    hf, _ = load_hf(out)
    ids, mask, positions = padded_batch(bpe_project)

    with torch.no_grad():
        ours = model(ids, attention_mask=mask, position_ids=positions)
        theirs = hf(ids, attention_mask=mask, position_ids=positions).logits

    real = mask.bool()
    # Padding positions have no defined output, so only the real ones are compared.
    assert torch.allclose(ours[real], theirs[real], atol=1e-4), (ours[real] - theirs[real]).abs().max()


def test_hf_attention_weights_match(exported, bpe_project):
    model, out = exported
    hf, _ = load_hf(out, attn_implementation="eager")
    ids, mask, positions = padded_batch(bpe_project)

    with torch.no_grad():
        _, ours = model(ids, attention_mask=mask, position_ids=positions, return_attention=True)
        theirs = torch.stack(hf(ids, attention_mask=mask, position_ids=positions, output_attentions=True).attentions, dim=1)

    real = mask.bool()
    assert theirs.shape == ours.shape
    for row in range(2):
        queries = real[row]
        difference = (ours[row][..., queries, :] - theirs[row][..., queries, :]).abs().max()
        assert difference <= 1e-5, (row, difference)


def test_hf_greedy_generation_matches(exported, bpe_project):
    model, out = exported
    hf, _ = load_hf(out)
    prompt = torch.tensor([load_tokenizer(bpe_project.tokenizer_path).encode("我住在").ids])
    new_tokens = 12

    ours = model.generate(prompt, max_new_tokens=new_tokens, temperature=0)
    with torch.no_grad():
        theirs = hf.generate(
            prompt, attention_mask=torch.ones_like(prompt), max_new_tokens=new_tokens, do_sample=False,
        )

    eot = hf.generation_config.eos_token_id
    # transformers stops at the end-of-text id, but ours always generates max_new_tokens.
    if theirs.shape[1] < ours.shape[1]:
        assert theirs[0, -1].item() == eot
    assert theirs[0].tolist() == ours[0, : theirs.shape[1]].tolist()
    assert ours.shape[1] == prompt.shape[1] + new_tokens


def test_hf_tokenizer_ids_match(trained_export, bpe_project):
    _, out = trained_export
    ours = load_tokenizer(bpe_project.tokenizer_path)

    theirs = AutoTokenizer.from_pretrained(out)

    assert theirs(MIXED_TEXT)["input_ids"] == ours.encode(MIXED_TEXT).ids
    assert theirs.decode(theirs(MIXED_TEXT)["input_ids"]) == MIXED_TEXT
    assert theirs.eos_token_id == ours.token_to_id(EOT)
    assert theirs.pad_token_id == ours.token_to_id(PAD)


def test_hf_char_tokenizer_ids_match(tmp_path, build_project, mixed_lines):
    project = build_project(tmp_path, mixed_lines * 2, kind="char", vocab_size=300, encode=False)
    torch.manual_seed(0)
    ours = load_tokenizer(project.tokenizer_path)
    model = DecoderLM(ModelConfig(vocab_size=ours.get_vocab_size(), hidden_size=32, num_layers=1, num_heads=4))
    checkpoints.save(tmp_path / "checkpoint", model, None, {})
    out = export_hf(tmp_path / "checkpoint", project.tokenizer_path, tmp_path / "hf")

    theirs = AutoTokenizer.from_pretrained(out)

    expected = ours.encode(MIXED_TEXT).ids
    assert ours.token_to_id(UNK) in expected
    assert theirs(MIXED_TEXT)["input_ids"] == expected
    assert theirs.unk_token == UNK
    specials = json.loads((out / "special_tokens_map.json").read_text(encoding="utf-8"))
    assert specials["unk_token"] == UNK


def test_export_into_non_empty_folder_raises(trained_export, bpe_project, tmp_path):
    checkpoint, _ = trained_export
    target = tmp_path / "busy"
    target.mkdir()
    (target / "keep.txt").write_text("user file", encoding="utf-8")

    with pytest.raises(ExportError) as info:
        export_hf(checkpoint, bpe_project.tokenizer_path, target)

    assert str(target) in str(info.value)
    assert sorted(p.name for p in target.iterdir()) == ["keep.txt"]


def test_export_into_empty_folder_works(trained_export, bpe_project, tmp_path):
    checkpoint, _ = trained_export
    target = tmp_path / "empty"
    target.mkdir()

    export_hf(checkpoint, bpe_project.tokenizer_path, target)

    assert sorted(p.name for p in target.iterdir()) == EXPORT_FILES


def test_hf_right_padded_batch_needs_only_mask(exported, bpe_project):
    # With right padding the positions are 0..n-1, so transformers needs no position_ids.
    model, out = exported
    hf, _ = load_hf(out)
    tokenizer = load_tokenizer(bpe_project.tokenizer_path)
    rows = [tokenizer.encode(MIXED_TEXT).ids, tokenizer.encode("床前 ok").ids]
    width = len(rows[0])
    ids = torch.tensor([row + [hf.config.pad_token_id] * (width - len(row)) for row in rows])
    mask = torch.tensor([[1] * len(row) + [0] * (width - len(row)) for row in rows])

    with torch.no_grad():
        ours = model(ids, attention_mask=mask)
        theirs = hf(ids, attention_mask=mask).logits

    real = mask.bool()
    assert hf.config.pad_token_id == tokenizer.token_to_id(PAD)
    assert torch.allclose(ours[real], theirs[real], atol=1e-4), (ours[real] - theirs[real]).abs().max()
