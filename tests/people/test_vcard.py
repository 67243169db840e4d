from intranet.core.models import StaffProfile
from intranet.people.vcard import fold


def test_a_vcard_holds_what_colleagues_may_see(colleague_client, me):
    StaffProfile.objects.filter(user=me).update(
        mobile="+47 912 34 567", office="Rådhuset; 3. etasje", hidden_fields="mobile"
    )

    response = colleague_client.get("/personer/kari.nordmann/vcard/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    card = response.content.decode()
    assert card.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Kari Nordmann\r\n")
    assert "N:Nordmann;Kari;;;\r\n" in card
    assert "TITLE:Rådgiver\r\n" in card
    assert "ORG:Oppvekst og utdanning;Barnehagene\r\n" in card
    assert "TEL;TYPE=work,voice;VALUE=text:63801234\r\n" in card
    assert "EMAIL;TYPE=work:kari.nordmann@kommune.invalid\r\n" in card
    assert "NOTE:Rådhuset\\; 3. etasje\r\n" in card
    assert "912 34 567" not in card  # hidden from others
    assert card.endswith("END:VCARD\r\n")


def test_the_owner_gets_their_hidden_mobile_in_their_own_card(my_client, me):
    StaffProfile.objects.filter(user=me).update(mobile="+47 912 34 567")
    assert (
        "912 34 567" in my_client.get("/personer/kari.nordmann/vcard/").content.decode()
    )


def test_long_lines_fold_at_75_octets_without_splitting_letters():
    folded = fold("NOTE:" + "æøå" * 40)
    lines = folded.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "".join(line.removeprefix(" ") for line in lines) == "NOTE:" + "æøå" * 40


def test_no_vcard_for_someone_unknown(my_client):
    assert my_client.get("/personer/finnes.ikke/vcard/").status_code == 404
