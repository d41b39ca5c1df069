"""The reader's own details: the display name at sign-up, and the profile form."""

from __future__ import annotations

import io
import unicodedata
from typing import Any

from allauth.account.adapter import get_adapter
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile, UploadedFile
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from dateline.accounts import names
from dateline.accounts.models import DISPLAY_NAME_LENGTH, ReaderProfile
from dateline.core import reader_text
from dateline.images import decoding

AVATAR_MAX_BYTES = 5 * 1024 * 1024
AVATAR_PIXELS = 256


def clean_display_name(value: str) -> str:
    """Printable text of 1–40 characters, stored as typed apart from outer spaces: something to
    see (not only zero-width spaces), and nothing that turns the direction of the text around it."""
    name = value.strip()
    if not name or reader_text.shows_nothing(name):
        raise ValidationError(_("Please choose a name to show with your comments."))
    if any(unicodedata.category(character) in ("Cc", "Cs", "Co", "Cn") for character in name):
        raise ValidationError(_("The name contains characters that cannot be shown."))
    if reader_text.has_direction_controls(name):
        raise ValidationError(
            _("The name contains characters that change the direction of text. Please remove them.")
        )
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


def check_not_newsroom(name: str, user_id: int | None = None) -> str:
    """Refuses a name that is, or looks like, a newsroom account's (`dateline.accounts.names`)."""
    if names.looks_like_newsroom(name, user_id):
        raise ValidationError(
            _("This name is too close to the name of a newsroom account. Please choose another.")
        )
    return name


class SignupDetailsForm(forms.Form):
    """Asked at registration, on top of allauth's e-mail and password."""

    display_name = DisplayNameField()

    def clean_display_name(self) -> str:
        return check_not_newsroom(self.cleaned_data["display_name"])

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

    def clean_display_name(self) -> str:
        return check_not_newsroom(self.cleaned_data["display_name"], self.instance.user_id)

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
    """The picture cropped to a centred square of 256 px, as WebP, metadata dropped.

    Its pixels are counted from its header before any is decoded (a JPEG's as its decoder reduces
    it for the avatar), and a large one waits for its turn (`dateline.images.decoding`).
    """
    try:
        upload.seek(0)
        with Image.open(upload) as picture:
            width, height = picture.size
            decoding.reduce(picture, (AVATAR_PIXELS, AVATAR_PIXELS))
            decoding.check_pixels(picture, settings.DATELINE_AVATAR_MAX_PIXELS)
            with decoding.turn(picture.width * picture.height):
                upright = ImageOps.exif_transpose(picture)
                square = ImageOps.fit(upright.convert("RGB"), (AVATAR_PIXELS, AVATAR_PIXELS))
    except decoding.TooManyPixels as error:
        raise ValidationError(
            _(
                "That picture is %(width)s×%(height)s pixels, too many to use. "
                "Please choose one of at most %(limit)s megapixels."
            )
            % {"width": width, "height": height, "limit": megapixels(error.limit)}
        ) from error
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(_("That file could not be read as a picture.")) from error
    output = io.BytesIO()
    square.save(output, "WEBP", quality=85)
    return InMemoryUploadedFile(output, "avatar", "avatar.webp", "image/webp", output.tell(), None)


def megapixels(pixels: int) -> str:
    """16 or 2.5, as the reader's language writes numbers."""
    value = round(pixels / 1_000_000, 1)
    return formats.number_format(value, decimal_pos=0 if value.is_integer() else 1)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput, strip=False)
    confirm = forms.BooleanField(label=_("I understand that this cannot be undone."))

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        # allauth's check, which counts failed attempts against its limits as a sign-in does.
        if not get_adapter().reauthenticate(self.user, password):
            raise ValidationError(_("That is not your password."))
        return password
