from __future__ import annotations


def test_search_page_smoke(client, write):
    write("Elections in Kyrgyzstan", "Voters went to the polls on Sunday.")
    page = client.get("/en/search/", {"q": "elektions"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<mark>Elections</mark>" in html
    assert 'name="robots" content="noindex' in html
    home = client.get("/en/").content.decode()
    assert 'role="search"' in home and 'action="/en/search/"' in home
    print(html[html.find("<main") : html.find("</main>")])
