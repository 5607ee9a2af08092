from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm

from .models import User


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    display_name = forms.CharField(
        max_length=120,
        label="Your name as other members will see it",
        help_text="For example “Det. Sam Rivera” or “Alex (victim services)”.",
    )

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"].strip()
        user.save(update_fields=["display_name"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "job_title", "organisation", "phone", "pseudonym"]

    def clean_pseudonym(self):
        pseudonym = self.cleaned_data["pseudonym"].strip()
        taken = (
            User.objects.filter(pseudonym__iexact=pseudonym).exclude(pk=self.instance.pk).exists()
        )
        if pseudonym and taken:
            raise forms.ValidationError("That pseudonym is taken; please choose another.")
        return pseudonym


ADMIN_FIELDS = ["email", "display_name", "is_superuser", "groups"]


class WagtailUserEditForm(UserEditForm):
    first_name = None
    last_name = None

    class Meta(UserEditForm.Meta):
        fields = [*ADMIN_FIELDS, "is_active"]


class WagtailUserCreationForm(UserCreationForm):
    first_name = None
    last_name = None

    class Meta(UserCreationForm.Meta):
        fields = ADMIN_FIELDS
