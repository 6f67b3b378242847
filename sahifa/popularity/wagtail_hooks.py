"""Most read today on the newsroom's dashboard."""

from wagtail import hooks

from sahifa.popularity.dashboard import MostReadTodayPanel


@hooks.register("construct_homepage_panels")
def most_read_panel(request, panels):
    panels.append(MostReadTodayPanel(request))
