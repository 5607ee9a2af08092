from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models.functions import Lower


class UserManager(DjangoUserManager):
    """Users are identified by email; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. The email address is the login.

    `pseudonym` is the public name a survivor-leader publishes under; it is never combined with
    the legal name anywhere a non-advocate can see it.
    """

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(
        max_length=120, help_text="How other members see you, e.g. “Det. Sam Rivera”."
    )
    pseudonym = models.CharField(
        max_length=80,
        blank=True,
        help_text="Optional public name for published creative work. Only you and advocates "
        "can connect it to your account.",
    )
    job_title = models.CharField(max_length=120, blank=True)
    organisation = models.CharField("organization", max_length=160, blank=True)
    phone = models.CharField(max_length=40, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    objects = UserManager()

    class Meta:
        ordering = ["display_name"]
        constraints = [
            models.UniqueConstraint(
                Lower("pseudonym"),
                condition=~models.Q(pseudonym=""),
                name="users_unique_pseudonym",
            )
        ]

    def __str__(self):
        return self.display_name or self.email

    # Wagtail and Django call these; they never expose the email where a name is expected.
    def get_full_name(self):
        return self.display_name or self.email

    def get_short_name(self):
        return self.display_name or self.email
