from django.db import migrations, models


class Migration(migrations.Migration):
    """The sentences are made when a line is shown (checklists/history.py); 0010 turned
    the stored ones into action codes and data."""

    dependencies = [
        ("checklists", "0010_planchange_summary_to_action"),
    ]

    operations = [
        # A default first (no change in the database), so that undoing the removal can
        # add the column back to existing lines; 0010 backwards then fills it in.
        migrations.AlterField(
            model_name="planchange",
            name="summary",
            field=models.CharField(default="", max_length=300, verbose_name="wijziging"),
        ),
        migrations.RemoveField(model_name="planchange", name="summary"),
    ]
