from django import forms

from .models import Discipline, Region


class JoinRequestForm(forms.Form):
    discipline = forms.ChoiceField(
        choices=Discipline.choices,
        label="Your discipline in this task force",
        help_text="Co-leads use this to decide; law enforcement and prosecution members can "
        "open law-enforcement-only material once approved.",
    )
    region = forms.ModelChoiceField(
        queryset=Region.objects.none(), required=False, label="Your region (statewide task forces)"
    )
    message = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
        label="A note to the co-leads",
        help_text="Your agency or organization and your role. Please do not include case details.",
    )

    def __init__(self, *args, taskforce, **kwargs):
        super().__init__(*args, **kwargs)
        regions = Region.objects.filter(taskforce=taskforce)
        if regions.exists():
            self.fields["region"].queryset = regions
        else:
            del self.fields["region"]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("decline", "Decline")])
    note = forms.CharField(
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Note to the applicant (optional)",
    )
