from django.db import migrations


class Migration(migrations.Migration):
    """Logged-in pages are rendered on every request; the numbers that kept users'
    copies of them are no longer needed."""

    dependencies = [
        ("checklists", "0007_workspace_version"),
    ]

    operations = [
        migrations.DeleteModel(name="WorkspaceVersion"),
    ]
