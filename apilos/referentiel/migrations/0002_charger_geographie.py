from django.db import migrations


def load(apps, schema_editor):
    from apilos.referentiel.loaders import load_geography

    load_geography(apps.get_model("referentiel", "Region"), apps.get_model("referentiel", "Departement"))


class Migration(migrations.Migration):
    dependencies = [("referentiel", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
