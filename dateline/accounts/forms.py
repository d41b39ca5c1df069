"""The reader's own details: the display name at sign-up, and the profile form."""

from __future__ import annotations

import io
import unicodedata
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile, UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from dateline.accounts.models import DISPLAY_NAME_LENGTH, ReaderProfile

AVATAR_MAX_BYTES = 5 * 1024 * 1024
AVATAR_PIXELS = 256


def clean_display_name(value: str) -> str:
    """Printable text of 1–40 characters, stored as typed apart from outer spaces."""
    name = value.strip()
    if not name:
        raise ValidationError(_("Please choose a name to show with your comments."))
    if any(unicodedata.category(character) in ("Cc", "Cs", "Co", "Cn") for character in name):
        raise ValidationError(_("The name contains characters that cannot be shown."))
    if len(name) > DISPLAY_NAME_LENGTH:
        raise ValidationError(
            _("Please keep the name to %(limit)d characters or fewer.") % {"limit": DISPLAY_NAME_LENGTH}
        )
    return name


class DisplayNameField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        # The limit is checked after normalising, with a message of our own.
        super().__init__(label=_("Display name"), strip=False, max_length=None, **kwargs)
        self.help_text = _("Shown with your comments. Up to %(limit)d characters.") % {
            "limit": DISPLAY_NAME_LENGTH
        }

    def clean(self, value: Any) -> str:
        return clean_display_name(super().clean(value) or "")


class SignupDetailsForm(forms.Form):
    """Asked at registration, on top of allauth's e-mail and password."""

    display_name = DisplayNameField()

    def signup(self, request: Any, user: Any) -> None:
        ReaderProfile.objects.update_or_create(
            user=user, defaults={"display_name": self.cleaned_data["display_name"]}
        )


class ProfileForm(forms.ModelForm):
    display_name = DisplayNameField()
    avatar = forms.ImageField(label=_("Avatar"), required=False)
    remove_avatar = forms.BooleanField(label=_("Use my initials instead of a picture"), required=False)

    class Meta:
        model = ReaderProfile
        fields = ["display_name", "avatar", "email_on_reply"]

    def clean_avatar(self) -> Any:
        upload = self.cleaned_data.get("avatar")
        if not isinstance(upload, UploadedFile):
            return upload  # unchanged
        if upload.size is not None and upload.size > AVATAR_MAX_BYTES:
            raise ValidationError(_("Please choose a picture smaller than 5 MB."))
        return square_avatar(upload)

    def save(self, commit: bool = True) -> ReaderProfile:
        profile = super().save(commit=False)
        if self.cleaned_data.get("remove_avatar"):
            profile.avatar.delete(save=False)
            profile.avatar = ""
        if commit:
            profile.save()
        return profile


def square_avatar(upload: UploadedFile) -> InMemoryUploadedFile:
    """The picture cropped to a centred square of 256 px, as WebP, metadata dropped."""
    try:
        upload.seek(0)
        with Image.open(upload) as picture:
            if picture.width * picture.height > 40_000_000:
                raise ValidationError(_("That picture is too large."))
            upright = ImageOps.exif_transpose(picture)
            square = ImageOps.fit(upright.convert("RGB"), (AVATAR_PIXELS, AVATAR_PIXELS))
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(_("That file could not be read as a picture.")) from error
    output = io.BytesIO()
    square.save(output, "WEBP", quality=85)
    return InMemoryUploadedFile(output, "avatar", "avatar.webp", "image/webp", output.tell(), None)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput, strip=False)
    confirm = forms.BooleanField(label=_("I understand that this cannot be undone."))

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("That is not your password."))
        return password
