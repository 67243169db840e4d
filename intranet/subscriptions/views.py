"""Thin views: follow, my subscriptions, the inbox, unsubscribe, personal feeds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from intranet.core.pagination import paginate
from intranet.core.redirects import redirect_to_next
from intranet.subscriptions import delivery, services
from intranet.subscriptions.models import (
    Delivery,
    FeedToken,
    PersonalDelivery,
    Subscription,
)
from intranet.subscriptions.selectors import notifications_for
from search.query import SearchQuery

NOTIFICATIONS_PER_PAGE = 30


@require_POST
def follow(request: HttpRequest) -> HttpResponse:
    """Follow the search in the POSTed parameters (from any follow button)."""
    query = SearchQuery.from_querydict(request.POST)
    if query.is_empty:
        messages.error(request, _("There is nothing to follow in an empty search."))
        return redirect_to_next(request, reverse("subscriptions:subscriptions"))
    name = " ".join(request.POST.get("name", "").split())[:200] or (
        query.text or _("My search")
    )
    subscription = services.subscription_create(
        user=request.user, query=query, name=name
    )
    messages.success(
        request,
        _("You now follow “%(name)s”. Choose how you are told under My subscriptions.")
        % {"name": subscription.name},
    )
    return redirect_to_next(request, reverse("subscriptions:subscriptions"))


@require_safe
def subscriptions(request: HttpRequest) -> HttpResponse:
    """Mine abonnementer: list, rename, change delivery, pause, delete; feeds."""
    items = list(Subscription.objects.filter(user=request.user))
    token = FeedToken.objects.filter(user=request.user).first()
    for item in items:
        item.search_url = (
            reverse("search:search")
            + "?"
            + services.subscription_query(item).urlencode()
        )
        item.feed_url = (
            request.build_absolute_uri(
                reverse("subscriptions:subscription_feed", args=[token.token, item.pk])
            )
            if token
            else ""
        )
    return render(
        request,
        "subscriptions/subscriptions.html",
        {
            "subscriptions": items,
            "deliveries": Delivery.choices,
            "personal_delivery": PersonalDelivery.objects.filter(user=request.user)
            .values_list("delivery", flat=True)
            .first()
            or Delivery.IMMEDIATE,
            "feed_url": request.build_absolute_uri(
                reverse("subscriptions:feed", args=[token.token])
            )
            if token
            else "",
        },
    )


@require_POST
def subscription_change(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = get_object_or_404(Subscription, pk=pk, user=request.user)
    action = request.POST.get("action", "save")
    if action == "delete":
        services.subscription_delete(subscription=subscription)
        messages.success(
            request, _("You no longer follow “%(name)s”.") % {"name": subscription.name}
        )
    elif action in {"pause", "resume"}:
        services.subscription_update(
            subscription=subscription, paused=action == "pause"
        )
        messages.success(request, _("The subscription was updated."))
    else:
        delivery = request.POST.get("delivery")
        if delivery is not None and delivery not in Delivery.values:
            messages.error(request, _("Choose one of the ways to be told."))
        else:
            services.subscription_update(
                subscription=subscription,
                name=request.POST.get("name"),
                delivery=delivery,
            )
            messages.success(request, _("The subscription was updated."))
    return redirect("subscriptions:subscriptions")


@require_POST
def personal_delivery(request: HttpRequest) -> HttpResponse:
    """How to hear about reminders, comments, replies and mentions."""
    delivery = request.POST.get("delivery")
    if delivery not in Delivery.values:
        messages.error(request, _("Choose one of the ways to be told."))
    else:
        services.personal_delivery_set(user=request.user, delivery=delivery)
        messages.success(request, _("Your choice is saved."))
    return redirect("subscriptions:subscriptions")


@require_POST
def feed_token(request: HttpRequest) -> HttpResponse:
    if request.POST.get("action") == "revoke":
        services.feed_token_revoke(user=request.user)
        messages.success(request, _("Your personal feeds are switched off."))
    else:
        services.feed_token_regenerate(user=request.user)
        messages.success(
            request,
            _("Your personal feeds have new addresses; the old ones stop working."),
        )
    return redirect("subscriptions:subscriptions")


@require_safe
def notifications(request: HttpRequest) -> HttpResponse:
    """The inbox: newest first, 30 a page."""
    pagination = paginate(
        notifications_for(user=request.user).select_related("subscription"),
        per_page=NOTIFICATIONS_PER_PAGE,
        requested=request.GET.get("side"),
    )
    return render(
        request,
        "subscriptions/notifications.html",
        {
            "page_obj": pagination.page,
            "paginator": pagination.page.paginator,
            "page_notice": pagination.notice,
        },
    )


@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    if not services.notification_mark_read(user=request.user, notification_id=pk):
        raise Http404
    return redirect_to_next(request, reverse("subscriptions:notifications"))


@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    services.notifications_mark_all_read(user=request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("subscriptions:notifications")


@login_not_required
@csrf_exempt  # RFC 8058 one-click POSTs come from mail clients, without a session
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm (so link scanners change nothing); POST unsubscribes."""
    ids = delivery.unsubscribe_check(token)
    if ids is None:
        return render(
            request, "subscriptions/unsubscribe.html", {"invalid": True}, status=400
        )
    user_id, target = ids
    subscription = (
        Subscription.objects.filter(pk=target, user_id=user_id).first()
        if isinstance(target, int)
        else None
    )
    done = False
    if request.method == "POST":
        delivery.unsubscribe(user_id=user_id, target=target)
        done = True
    return render(
        request,
        "subscriptions/unsubscribe.html",
        {
            "subscription": subscription,
            "personal": target == services.PERSONAL,
            "done": done,
            "token": token,
        },
    )
