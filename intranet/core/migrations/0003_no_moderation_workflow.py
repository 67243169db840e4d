"""Remove Wagtail's sample "Moderators approval" workflow.

Information responsibility is distributed: case owners and editors publish
directly. The sample workflow's group was removed in 0002, so nobody could approve.
"""

from django.db import migrations


def remove_sample_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    workflows = Workflow.objects.filter(name="Moderators approval")
    WorkflowPage.objects.filter(workflow__in=workflows).delete()
    workflows.update(active=False)
    Task.objects.filter(name="Moderators approval").update(active=False)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_initial_data")]

    operations = [migrations.RunPython(remove_sample_workflow, migrations.RunPython.noop)]
