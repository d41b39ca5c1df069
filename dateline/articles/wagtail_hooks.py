"""The newsroom's side of stories: agencies (creatable from a story's agency chooser), authors, and
the story editor's own styles and script (a headline field a new editor can find, the tab of the
first error opened)."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from dateline.articles.models import Author
from dateline.articles.viewsets import AgencyViewSet

register_snippet(AgencyViewSet)
register_snippet(Author)


@hooks.register("insert_global_admin_css")
def story_editor_styles() -> SafeString:
    return format_html('<link rel="stylesheet" href="{}">', static("dateline/newsroom.css"))


@hooks.register("insert_editor_js")
def story_editor_script() -> SafeString:
    return format_html('<script src="{}" defer></script>', static("dateline/editor.js"))
