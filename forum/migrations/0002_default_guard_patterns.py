from django.db import migrations

from forum.guard import DEFAULT_PATTERNS


def add_patterns(apps, schema_editor):
    SensitivePattern = apps.get_model("forum", "SensitivePattern")
    for name, pattern, explanation in DEFAULT_PATTERNS:
        SensitivePattern.objects.get_or_create(
            name=name, defaults={"pattern": pattern, "explanation": explanation}
        )


class Migration(migrations.Migration):
    dependencies = [("forum", "0001_initial")]
    operations = [migrations.RunPython(add_patterns, migrations.RunPython.noop)]
