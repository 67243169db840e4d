"""Names of people link to their profile wherever pages show them."""


def test_case_owners_link_to_their_profiles_on_the_case_and_its_card(
    my_client, owner, co_owner, make_case
):
    case = make_case("Ny skole på Berg")

    page = my_client.get(case.url).content.decode()
    listing = my_client.get(case.get_parent().url).content.decode()

    for html in (page, listing):
        assert '<a href="/personer/eva.eier/">Eva Eier</a>' in html
        assert '<a href="/personer/mons.medeier/">Mons Medeier</a>' in html


def test_someone_who_left_keeps_their_name_without_a_link(
    my_client, owner, co_owner, make_case
):
    case = make_case("Ny skole på Berg")
    co_owner.is_active = False
    co_owner.save()

    html = my_client.get(case.url).content.decode()

    assert "Mons Medeier" in html and "/personer/mons.medeier/" not in html


def test_the_author_of_a_case_update_links_to_their_profile(
    my_client, owner, make_case, make_update
):
    update = make_update(make_case("Ny skole på Berg"), "Grunnarbeidet er i gang")

    html = my_client.get(update.url).content.decode()

    assert '<a href="/personer/eva.eier/">Av Eva Eier</a>' in html
