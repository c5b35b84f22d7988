from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dhakacart.address import validate_postcode

# Accounts made by phone sign-in have no mailbox: their login name is `<digits>@phone.invalid`
# (`.invalid` is reserved, RFC 2606), so nothing is ever mailed to it.
NO_MAILBOX_DOMAIN = ".invalid"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        # Addresses are stored lower-cased (User.save), so the unique index serves the login.
        return self.get(email=self.normalize_email(email).lower())


class User(AbstractBaseUser, PermissionsMixin):
    """A shopper or a member of staff; the e-mail address is the login name."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=16, blank=True)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Designates whether the user can log into the admin site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Bumped to end every refresh token issued so far (accounts.tokens); only services write it.
    token_generation = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.__class__.objects.normalize_email(self.email).lower()
        super().save(*args, **kwargs)

    @property
    def has_mailbox(self) -> bool:
        return not self.email.endswith(NO_MAILBOX_DOMAIN)

    def _contact(self) -> str:
        """How the account is known when it has no name: its e-mail, or its number if it has no mailbox."""
        return self.email if self.has_mailbox else self.phone or self.email

    def get_full_name(self):
        return self.full_name or self._contact()

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self._contact()


class Address(models.Model):
    """A delivery address a signed-in shopper saved; at most one per user is the default."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="addresses", verbose_name=_("user"))
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(_("mobile number"), max_length=16)
    address_line = models.CharField(_("address"), max_length=255)
    area = models.CharField(_("area"), max_length=100)
    city = models.CharField(_("city"), max_length=100)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True, validators=[validate_postcode])
    is_default = models.BooleanField(_("default address"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        constraints = [
            # The services keep exactly one default while a user has addresses; this makes a
            # second default impossible even if two requests race.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(is_default=True),
                name="accounts_one_default_address_per_user",
            )
        ]

    def __str__(self):
        return f"{self.full_name}, {self.address_line}, {self.area}, {self.city}"
