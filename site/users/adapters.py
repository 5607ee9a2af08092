from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Task Force Hub's hooks into django-allauth."""

    def populate_username(self, request, user):
        # There is no username: email is the login.
        return None

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        if not user.display_name:
            user.display_name = form.cleaned_data.get("display_name") or user.email.split("@")[0]
        if commit:
            user.save()
        return user
