from django.db import migrations


class Migration(migrations.Migration):
    """PublicContentVersion now belongs to ebw_portal.common (same table)."""

    dependencies = [
        ("interventions", "0003_lesson_theme_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="PublicContentVersion")],
        ),
    ]
