from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from taskforces.selectors import dashboard_for

from .forms import ProfileForm


@login_required
def dashboard(request):
    return render(request, "users/dashboard.html", {"dashboard": dashboard_for(request.user)})


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile was saved.")
        return redirect("users:profile")
    return render(request, "users/profile.html", {"form": form})
