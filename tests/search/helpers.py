import html
import re


def plain(marked: str) -> str:
    return html.unescape(re.sub(r"</?mark>", "", marked))


def titles(results) -> list[str]:
    return [plain(hit.title_html) for hit in results.hits]
