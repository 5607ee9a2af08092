from django.db import migrations

THEMES = [
    "Violence",
    "Sexual violence",
    "References to confinement",
    "Coercion and control",
    "Substance use",
    "Self-harm or suicide",
    "Abuse of children",
    "Police and courts",
]


def add_themes(apps, schema_editor):
    ContentTheme = apps.get_model("survivors", "ContentTheme")
    for name in THEMES:
        ContentTheme.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("survivors", "0001_initial")]
    operations = [migrations.RunPython(add_themes, migrations.RunPython.noop)]
