from intranet.notices import services


def alert_saved_or_deleted(sender, instance, **kwargs) -> None:
    services.alert_changed(alert=instance)
