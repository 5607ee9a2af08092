"""StreamField blocks of library resources: toolkit sections, course modules, checklists."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock

RICH_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    description = blocks.CharBlock(max_length=300, required=False)

    class Meta:
        icon = "doc-full"
        template = "library/blocks/document.html"


class ChecklistBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=160)
    items = blocks.ListBlock(blocks.CharBlock(max_length=300), min_num=1)

    class Meta:
        icon = "tick"
        template = "library/blocks/checklist.html"


class VideoBlock(blocks.StructBlock):
    """A video: an uploaded file (shown as a link to the file) or a provider's page. The site's
    content security policy allows no third-party frames, so embeds open on the provider."""

    title = blocks.CharBlock(max_length=160)
    video = EmbedBlock(required=False, help_text="A link to the video on its provider's site.")
    file = DocumentChooserBlock(required=False, help_text="Or an uploaded video file.")

    class Meta:
        icon = "media"
        template = "library/blocks/video.html"


class SectionBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(features=RICH_FEATURES)
    document = DocumentBlock()
    checklist = ChecklistBlock()
    video = VideoBlock()


class CourseModuleBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=160)
    description = blocks.RichTextBlock(features=RICH_FEATURES, required=False)
    minutes = blocks.IntegerBlock(min_value=1, required=False, help_text="Estimated minutes.")
    link = blocks.URLBlock(required=False, help_text="Where the module is taken, if elsewhere.")

    class Meta:
        icon = "list-ol"
        template = "library/blocks/course_module.html"
