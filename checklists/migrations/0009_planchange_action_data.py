from django.db import migrations, models


class Migration(migrations.Migration):
    """History lines store an action code and its data instead of a sentence in the
    writer's language (checklists/history.py). 0010 fills them from the old summaries,
    0011 drops the summaries."""

    dependencies = [
        ("checklists", "0008_delete_workspaceversion"),
    ]

    operations = [
        migrations.AddField(
            model_name="planchange",
            name="action",
            field=models.CharField(default="", max_length=60, verbose_name="actie"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="planchange",
            name="data",
            field=models.JSONField(blank=True, default=dict, verbose_name="gegevens"),
        ),
    ]
