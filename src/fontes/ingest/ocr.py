"""OCR placeholder during development."""
def recognise(data, pages):
    return None
