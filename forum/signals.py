"""Every task force gets its private group, and every region its regional group, as soon as
they exist; access changes reach the search index."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from taskforces.models import Region, TaskForce

from . import services
from .models import SpaceRole


@receiver(post_save, sender=TaskForce, dispatch_uid="forum_taskforce_space")
def taskforce_space(sender, instance, created, raw=False, **kwargs):
    if not raw:
        services.space_ensure_for_taskforce(taskforce=instance)


@receiver(post_save, sender=Region, dispatch_uid="forum_region_space")
def region_space(sender, instance, created, raw=False, **kwargs):
    if not raw:
        services.space_ensure_for_region(region=instance)


@receiver([post_save, post_delete], sender=SpaceRole, dispatch_uid="forum_space_role")
def space_role_changed(sender, instance, raw=False, **kwargs):
    """Invitations and moderators edited in the admin: the group's readers changed."""
    if not raw:
        services._reindex_space(instance.space)
