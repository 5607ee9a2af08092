from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class CardBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=80)
    text = blocks.TextBlock(max_length=300)
    link_page = blocks.PageChooserBlock(required=False)
    link_url = blocks.CharBlock(
        required=False, max_length=200, help_text="A path on this site, e.g. /connect/"
    )
    link_text = blocks.CharBlock(max_length=60, default="Open")

    class Meta:
        icon = "link"
        template = "core/blocks/card.html"


class HeroBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(max_length=400)
    image = ImageChooserBlock(required=False)

    class Meta:
        icon = "title"
        template = "core/blocks/hero.html"


class CalloutBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=["bold", "italic", "link"])

    class Meta:
        icon = "help"
        template = "core/blocks/callout.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(max_length=160, required=False)

    class Meta:
        icon = "openquote"
        template = "core/blocks/quote.html"


class HomeBodyBlock(blocks.StreamBlock):
    hero = HeroBlock()
    heading = blocks.CharBlock(
        max_length=120, form_classname="title", template="core/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol", "h3"])
    cards = blocks.ListBlock(CardBlock(), template="core/blocks/cards.html")
    callout = CalloutBlock()
    quote = QuoteBlock()
