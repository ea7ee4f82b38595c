from django.db import migrations, models


class Migration(migrations.Migration):
    """The public content version moves from the catalogue app to the bottom layer; its
    table stays where it is, so only Django's idea of who owns it changes."""

    initial = True

    dependencies = [
        ("interventions", "0004_public_content_version_moved"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PublicContentVersion",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("number", models.PositiveBigIntegerField(default=0, verbose_name="versie")),
                    ],
                    options={
                        "db_table": "interventions_publiccontentversion",
                        "verbose_name": "versie van de openbare inhoud",
                        "verbose_name_plural": "versies van de openbare inhoud",
                    },
                ),
            ],
        ),
    ]
