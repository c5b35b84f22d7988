"""Serializer helpers shared by API v1's apps."""

import copy


class FieldsBuiltOnce:
    """A ModelSerializer mixin: the fields are worked out from the model once per class, not for
    every instance (DRF introspects the model each time: about two thirds of serialising an
    order on the benchmark machine). Each instance still gets its own copies to bind, exactly
    as DRF gives it its declared fields. For serializers whose fields depend only on the class
    (no get_fields() reading the context or the instance)."""

    def get_fields(self):
        cls = type(self)
        if "_fields_built_once" not in cls.__dict__:
            cls._fields_built_once = super().get_fields()
        return copy.deepcopy(cls._fields_built_once)
