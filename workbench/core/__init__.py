"""The Qt-free core: storage, import, tokenizer, encoding, model, training and export."""
