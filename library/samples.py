"""Small generated files for demo content, the benchmark and tests: a valid one-page PDF,
a PNG cover image and a WebVTT captions file."""

import io


def _pdf_escape(text: str) -> str:
    safe = text.encode("latin-1", "replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(title: str, lines: list[str] | tuple[str, ...] = ()) -> bytes:
    """A minimal valid PDF 1.4 with one page of Helvetica text (title, then lines)."""
    text_ops = ["BT", "/F1 18 Tf", "72 740 Td", f"({_pdf_escape(title)}) Tj", "/F1 11 Tf"]
    for line in lines[:45]:
        text_ops += ["0 -16 Td", f"({_pdf_escape(line[:95])}) Tj"]
    text_ops.append("ET")
    stream = "\n".join(text_ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


PALETTE = [(31, 78, 121), (44, 110, 73), (122, 62, 110), (150, 82, 30), (60, 60, 90)]


def png_bytes(seed: int = 0, size: tuple[int, int] = (960, 360)) -> bytes:
    """A plain banded cover image (no text, no metadata)."""
    from PIL import Image, ImageDraw

    base = PALETTE[seed % len(PALETTE)]
    image = Image.new("RGB", size, base)
    draw = ImageDraw.Draw(image)
    width, height = size
    for band in range(6):
        shade = tuple(min(255, c + 18 * band) for c in base)
        x = width * band // 6
        draw.rectangle([x, height * (band % 3) // 4, width, height], fill=shade)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def vtt_text(cues: list[str]) -> str:
    """A WebVTT captions file, one cue every five seconds."""
    parts = ["WEBVTT", ""]
    for number, cue in enumerate(cues):
        start, end = number * 5, number * 5 + 5
        parts += [
            f"00:{start // 60:02}:{start % 60:02}.000 --> 00:{end // 60:02}:{end % 60:02}.000",
            cue,
            "",
        ]
    return "\n".join(parts)
