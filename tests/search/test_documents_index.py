"""Uploaded documents in search: their text is found, behind their collection's
view restrictions, and a file that cannot be read is found by its title."""

import io
import re
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.utils.html import strip_tags
from pypdf import PdfReader, PdfWriter
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from intranet.core.roles import COMMUNICATION
from search import services
from search.extract import MAX_PAGES, text_of_file
from search.models import IndexEntry
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

HIT_RE = re.compile(r'<h3 class="search-hit__title"><a href="([^"]*)">(.*?)</a></h3>')


def pdf(*pages: str) -> bytes:
    """A small real PDF, one page per text, in Helvetica."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, filled in below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for text in pages:
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
        objects.append(
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
        )
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(kids),
        len(kids),
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, xref)
    )
    return out.getvalue()


def encrypted(data: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password="hemmelig", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zipped(member: str, xml: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(member, xml)
    return out.getvalue()


def docx(*paragraphs: str) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    return zipped(
        "word/document.xml",
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://'
        f'schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}'
        "</w:body></w:document>",
    )


def odt(*paragraphs: str) -> bytes:
    body = "".join(f"<text:p>{text}</text:p>" for text in paragraphs)
    return zipped(
        "content.xml",
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:'
        'office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text='
        '"urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        f"{body}</office:text></office:body></office:document-content>",
    )


def upload(title: str, name: str, data: bytes, collection: Collection | None = None):
    return get_document_model().objects.create(
        title=title,
        file=ContentFile(data, name=name),
        collection=collection or Collection.get_first_root_node(),
    )


def hits(client, text: str, **params) -> list[tuple[str, str]]:
    response = client.get("/sok/", {"q": text, **params})
    assert response.status_code == 200
    return [
        (url, strip_tags(title))
        for url, title in HIT_RE.findall(response.content.decode())
    ]


def titles(client, text: str, **params) -> list[str]:
    return sorted(title for _url, title in hits(client, text, **params))


def test_text_inside_a_pdf_word_and_opendocument_file_is_found(staff_client):
    upload("Reglement", "reglement.pdf", pdf("Innledning", "Permisjon ved flytting"))
    upload(
        "Rutine", "rutine.docx", docx("Brannvern i barnehagen", "Kontakt &amp; ansvar")
    )
    upload("Plan", "plan.odt", odt("Vintervedlikehold av veier"))
    upload("Notat", "notat.txt", "Snøbrøyting på fortau\n".encode())

    assert titles(staff_client, "permisjon") == ["Reglement"]
    assert titles(staff_client, "brannvern") == ["Rutine"]
    assert titles(staff_client, "vintervedlikehold") == ["Plan"]
    assert titles(staff_client, "snøbrøyting") == ["Notat"]
    document = get_document_model().objects.get(title="Reglement")
    assert hits(staff_client, "permisjon") == [(document.url, "Reglement")]


def test_documents_are_a_type_of_their_own(staff_client, make_article):
    make_article("Permisjon for tillitsvalgte", intro="Om permisjon.")
    upload("Permisjonsreglement", "reglement.pdf", pdf("Permisjon med lonn"))

    html = staff_client.get("/sok/", {"q": "permisjon"}).content.decode()
    assert 'name="type" value="document"' in html
    assert ">Dokument<" in html or "Dokument " in html
    assert titles(staff_client, "permisjon", type="document") == ["Permisjonsreglement"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("passord.pdf", encrypted(pdf("Hemmelig lonnsoppgjor"))),
        ("odelagt.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog"),
        ("odelagt.docx", b"PK\x03\x04 not a zip"),
        ("tom.odt", zipped("mimetype", "application/vnd.oasis.opendocument.text")),
        ("tabell.xlsx", b"PK\x03\x04"),
    ],
)
def test_a_file_that_cannot_be_read_is_found_by_its_title(staff_client, name, data):
    upload("Lønnsoppgjør 2026", name, data)

    assert titles(staff_client, "lønnsoppgjør") == ["Lønnsoppgjør 2026"]
    assert titles(staff_client, "hemmelig") == []


def test_extraction_is_bounded():
    many = pdf(*[f"Side {number}" for number in range(MAX_PAGES + 20)])

    text = text_of_file(io.BytesIO(many), name="lang.pdf")

    assert f"Side {MAX_PAGES - 1}" in text
    assert f"Side {MAX_PAGES + 1}" not in text


@pytest.fixture
def private(db):
    root = Collection.get_first_root_node()
    collections = {}
    for kind in ("login", "groups", "password"):
        collections[kind] = root.add_child(name=f"Privat {kind}")
    return collections


def restrict(collection, kind: str, group=None) -> CollectionViewRestriction:
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=kind, password="hemmelig"
    )
    if group is not None:
        restriction.groups.set([group])
    return restriction


@pytest.mark.parametrize("restricted_first", [True, False])
def test_a_collections_restrictions_decide_who_finds_its_documents(
    client, private, communication_group, restricted_first
):
    def restrict_all():
        restrict(private["login"], "login")
        restrict(private["groups"], "groups", communication_group)
        restrict(private["password"], "password")

    if restricted_first:
        restrict_all()
    for kind, collection in private.items():
        upload(f"Budsjett {kind}", f"{kind}.pdf", pdf("Budsjettforslag"), collection)
    child = private["groups"].add_child(name="Under gruppe")
    upload("Budsjett under gruppe", "under.pdf", pdf("Budsjettforslag"), child)
    if not restricted_first:
        restrict_all()

    client.force_login(UserFactory(username="utenfor"))
    assert titles(client, "budsjettforslag") == ["Budsjett login"]

    client.force_login(UserFactory(username="innenfor", groups=[COMMUNICATION]))
    assert titles(client, "budsjettforslag") == [
        "Budsjett groups",
        "Budsjett login",
        "Budsjett under gruppe",
    ]


def test_lifting_a_restriction_and_moving_a_document_take_effect(
    client, private, communication_group
):
    restriction = restrict(private["groups"], "groups", communication_group)
    document = upload(
        "Omstilling", "omstilling.pdf", pdf("Omstillingsplan"), private["groups"]
    )
    client.force_login(UserFactory(username="utenfor"))
    assert titles(client, "omstillingsplan") == []

    restriction.delete()
    assert titles(client, "omstillingsplan") == ["Omstilling"]

    document.collection = private["password"]
    restrict(private["password"], "password")
    document.save()
    assert titles(client, "omstillingsplan") == []


def test_replacing_renaming_and_deleting_a_document(staff_client):
    document = upload("Søknadsskjema", "skjema.pdf", pdf("Barnehageplass"))
    assert titles(staff_client, "barnehageplass") == ["Søknadsskjema"]

    document.file = ContentFile(pdf("Skolefritidsordning"), name="skjema2.pdf")
    document.save()
    assert titles(staff_client, "barnehageplass") == []
    assert titles(staff_client, "skolefritidsordning") == ["Søknadsskjema"]

    document.title = "Søknad om SFO"
    document.save()
    assert titles(staff_client, "skolefritidsordning") == ["Søknad om SFO"]

    document.delete()
    assert titles(staff_client, "skolefritidsordning") == []


def test_a_rebuild_indexes_documents_and_drops_those_gone(staff_client):
    kept = upload("Reglement", "reglement.pdf", pdf("Permisjon ved flytting"))
    IndexEntry.objects.all().delete()
    IndexEntry.objects.create(
        page_id=-999_999,
        restriction="none",
        content_type="document",
        year=2020,
        published_day=0,
        published="2020-01-01T00:00:00Z",
        url="/documents/999999/borte.pdf",
        title="Borte",
        document={},
    )

    counts = services.rebuild()

    assert counts["database"] >= 1
    assert titles(staff_client, "permisjon") == ["Reglement"]
    assert set(
        IndexEntry.objects.filter(page_id__lt=0).values_list("page_id", flat=True)
    ) == {-kept.pk}
