from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from taskforces.models import Membership, TaskForce

from . import matching
from .models import (
    AssistanceRequest,
    ConflictEntry,
    Feedback,
    MatchRun,
    MenteeRequest,
    MentoringRole,
    MentorOffer,
    PairConstraint,
    Pairing,
    Strength,
    TopicTag,
)
from .services import key_elements

DATE = forms.DateInput(attrs={"type": "date"})
NOT_TAKING_PART = [("", "Not taking part")]


def _members(taskforce):
    return (
        Membership.objects.approved()
        .filter(taskforce=taskforce)
        .select_related("user")
        .order_by("user__display_name")
    )


class ElementsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj.area.name}: {obj.name}"


class AssessmentForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100)
    shared = forms.BooleanField(
        required=False, label="Share this assessment with members of other task forces"
    )

    def __init__(self, *args, framework, initial_stages=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(i, f"{i}. {name}") for i, name in enumerate(framework.stage_names, start=1)]
        self.elements = list(key_elements())
        for element in self.elements:
            self.fields[f"stage_{element.pk}"] = forms.TypedChoiceField(
                label=f"{element.area.name}: {element.name}",
                choices=choices,
                coerce=int,
                initial=(initial_stages or {}).get(element.pk, 1),
            )

    def stages(self) -> dict[int, int]:
        return {e.pk: self.cleaned_data[f"stage_{e.pk}"] for e in self.elements}


class ProfileForm(forms.Form):
    navigator_model = forms.BooleanField(
        required=False, label="We use regional navigators (the North Dakota model)"
    )
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, initial_strengths=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.elements = list(key_elements())
        for element in self.elements:
            self.fields[f"strength_{element.pk}"] = forms.TypedChoiceField(
                label=f"{element.area.name}: {element.name}",
                choices=Strength.Level.choices,
                coerce=int,
                initial=(initial_strengths or {}).get(element.pk, 0),
            )

    def strengths(self) -> dict[int, int]:
        return {e.pk: self.cleaned_data[f"strength_{e.pk}"] for e in self.elements}


class _PeopleMixin:
    """One role choice per member of the task force: who takes part, in which role."""

    def add_people(self, taskforce, with_capacity=False):
        self.members = list(_members(taskforce))
        for m in self.members:
            self.fields[f"role_{m.user_id}"] = forms.ChoiceField(
                label=f"{m.user.display_name}: role",
                required=False,
                choices=NOT_TAKING_PART + list(MentoringRole.choices),
            )
            if with_capacity:
                self.fields[f"capacity_{m.user_id}"] = forms.IntegerField(
                    label=f"{m.user.display_name}: people they can mentor",
                    min_value=1,
                    max_value=10,
                    initial=1,
                    required=False,
                )
                self.fields[f"years_{m.user_id}"] = forms.IntegerField(
                    label=f"{m.user.display_name}: years in the role",
                    min_value=0,
                    max_value=60,
                    initial=0,
                    required=False,
                )

    def people(self) -> list[dict]:
        chosen = []
        for m in self.members:
            role = self.cleaned_data.get(f"role_{m.user_id}")
            if role:
                person = {"user": m.user, "role": role}
                if f"capacity_{m.user_id}" in self.fields:
                    person["capacity"] = self.cleaned_data.get(f"capacity_{m.user_id}") or 1
                    person["years"] = self.cleaned_data.get(f"years_{m.user_id}") or 0
                chosen.append(person)
        return chosen


class RequestForm(_PeopleMixin, forms.Form):
    areas = ElementsField(queryset=None, label="Key elements you want help with")
    must_have = ElementsField(
        queryset=None,
        required=False,
        label="Must-have expertise (optional)",
        help_text="Only mentors who offer these and are ahead on them will be proposed.",
    )
    goals = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="What you want to be able to do at the end. No case details, please.",
    )
    starts_on = forms.DateField(widget=DATE, label="From")
    ends_on = forms.DateField(widget=DATE, label="Until")

    def __init__(self, *args, taskforce, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = key_elements()
        self.fields["must_have"].queryset = key_elements()
        self.add_people(taskforce)

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] <= data["starts_on"]:
            self.add_error("ends_on", "The timeframe must end after it starts.")
        extra = set(data.get("must_have") or []) - set(data.get("areas") or [])
        if extra:
            self.add_error("must_have", "Must-have elements must also be ticked above.")
        if not self.people():
            raise forms.ValidationError("Choose a role for at least one person taking part.")
        return data


class OfferForm(_PeopleMixin, forms.ModelForm):
    areas = ElementsField(queryset=None, label="Key elements you can mentor in")

    class Meta:
        model = MentorOffer
        fields = [
            "areas",
            "capacity",
            "people_capacity",
            "available_from",
            "available_until",
            "availability",
        ]
        widgets = {"available_from": DATE, "available_until": DATE}

    def __init__(self, *args, taskforce, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = key_elements()
        self.fields["capacity"].min_value = 1
        self.fields["capacity"].validators.append(_at_least_one)
        self.fields["people_capacity"].validators.append(_at_least_one)
        self.fields["capacity"].widget.attrs["min"] = 1
        self.fields["people_capacity"].widget.attrs["min"] = 1
        self.add_people(taskforce, with_capacity=True)

    def clean(self):
        data = super().clean()
        start, end = data.get("available_from"), data.get("available_until")
        if start and end and end <= start:
            self.add_error("available_until", "Availability must end after it starts.")
        if not self.people():
            raise forms.ValidationError("Choose a role for at least one person who will mentor.")
        return data


def _at_least_one(value):
    if value is None or value < 1:
        raise forms.ValidationError("Must be at least 1.")


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(choices=Pairing.DeclineReason.choices, label="Why?")


class CloseForm(forms.Form):
    reason = forms.ChoiceField(choices=Pairing.CloseReason.choices, label="Why close early?")


class MeetingForm(forms.Form):
    held_on = forms.DateField(widget=DATE, label="Date")
    minutes = forms.IntegerField(min_value=5, max_value=600, label="Length (minutes)")
    participants = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label="Who took part"
    )
    topics = forms.MultipleChoiceField(
        choices=TopicTag.choices, widget=forms.CheckboxSelectMultiple, label="Topics"
    )

    def __init__(self, *args, member_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = get_user_model().objects.filter(pk__in=member_ids)
        self.fields["held_on"].initial = timezone.localdate()

    def clean_held_on(self):
        value = self.cleaned_data["held_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("A meeting can only be logged once it has happened.")
        return value


class FeedbackForm(forms.Form):
    answer = forms.TypedChoiceField(
        choices=Feedback.Answer.choices,
        coerce=int,
        widget=forms.RadioSelect,
        label="How is the mentoring going?",
    )
    wants_coordinator = forms.BooleanField(
        required=False, label="I would like the coordinator to contact me"
    )
    would_recommend = forms.BooleanField(
        required=False, label="We would recommend peer mentoring to another task force"
    )


class RunForm(forms.Form):
    mode = forms.ChoiceField(choices=MatchRun.Mode.choices, initial=MatchRun.Mode.STANDARD)


class ConstraintForm(forms.Form):
    kind = forms.ChoiceField(choices=PairConstraint.Kind.choices)
    request = forms.ModelChoiceField(
        queryset=MenteeRequest.objects.open().select_related("taskforce")
    )
    offer = forms.ModelChoiceField(queryset=MentorOffer.objects.open().select_related("taskforce"))


class ConflictForm(forms.ModelForm):
    class Meta:
        model = ConflictEntry
        fields = ["taskforce_a", "taskforce_b", "reason", "note"]

    def clean(self):
        data = super().clean()
        if data.get("taskforce_a") and data.get("taskforce_a") == data.get("taskforce_b"):
            raise forms.ValidationError("Choose two different task forces.")
        return data


class WeightsForm(forms.Form):
    stages_ahead = forms.IntegerField(
        min_value=0, max_value=4, label="Mentor at least this many stages ahead (k)"
    )
    note = forms.CharField(max_length=200, required=False, label="What changed and why")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in matching.CRITERIA.items():
            self.fields[key] = forms.IntegerField(min_value=0, max_value=100, label=label)

    def clean(self):
        data = super().clean()
        if all(data.get(k) == 0 for k in matching.TASKFORCE_CRITERIA):
            raise forms.ValidationError("At least one task-force weight must be above zero.")
        return data

    def values(self) -> dict[str, int]:
        return {k: self.cleaned_data[k] for k in matching.CRITERIA}


class AssistanceForm(forms.ModelForm):
    class Meta:
        model = AssistanceRequest
        fields = ["taskforce", "topic", "summary", "details"]
        widgets = {"details": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, taskforce_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["taskforce"].queryset = TaskForce.objects.filter(pk__in=taskforce_ids)
        self.fields["taskforce"].label = "For which task force"


class AssistanceUpdateForm(forms.ModelForm):
    class Meta:
        model = AssistanceRequest
        fields = ["status", "priority", "assigned_to", "staff_note", "resolution"]
        widgets = {
            "staff_note": forms.Textarea(attrs={"rows": 3}),
            "resolution": forms.Textarea(attrs={"rows": 3}),
        }
