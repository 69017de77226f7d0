"""Page type "labelled": one talk's own page, its fields labelled.

"Title:", "Speaker:", "Abstract:", "Date:", "Where:" ... (English and
Swedish) as `<strong>`/`<b>` labels, `<dt>`/`<dd>` or `<th>`/`<td>` pairs,
headings or plain "Label:" text. The page may also list the series'
"Upcoming seminars", each entry a talk of its own.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..talk import SourceKind, Talk
from .block import apply_selectors, fields_draft
from .dates import date_in_url, find_date
from .document import Document
from .draft import Draft, build_talk
from .fields import all_fields, first_of_each
from .schedule import upcoming_entries


def page_fields(doc: Document) -> list:
    """The labelled fields of the whole page, found once per document."""
    return doc.remember("fields", lambda: all_fields(doc.soup))


class LabelledFields:
    name = "labelled"
    ceiling = 0.8  # the strongest signal `detect` can give

    def detect(self, doc: Document) -> float:
        if doc.format != "html":
            return 0.0
        counts = Counter(found.name for found in page_fields(doc))
        if not (counts["title"] or counts["speaker"]):
            return 0.0
        if max(counts["title"], counts["speaker"]) > 1:
            return 0.3  # labels for several talks: a listing
        dated = counts["date"] or date_in_url(doc.url)
        return self.ceiling if dated else 0.4

    def talks(self, doc: Document) -> Iterator[Talk]:
        fields = first_of_each(page_fields(doc))
        draft = fields_draft(fields, doc.url)
        apply_selectors([doc.soup], doc.series.hints, draft)
        day = doc.reader.find(draft.when) or find_date(draft.when) or date_in_url(doc.url)
        if day and ("title" in fields or "speaker" in fields or doc.series.hints.selectors):
            draft.day = day
            yield build_talk(doc, draft, SourceKind.PAGE, source_date=day)
        if "upcoming" in fields:
            for entry in upcoming_entries(fields["upcoming"]):
                listed = Draft(title=entry.title, speakers=entry.speakers, day=entry.date, start=entry.time)
                yield build_talk(doc, listed, SourceKind.UPCOMING, source_date=day)
