#!/usr/bin/env python3
"""Writes a Veloce JSON export (format "veloce-conversations", version 1) with a few demo
conversations dated relative to now, so the sidebar shows every date group. Used by
scripts/screenshots.sh through `veloce-cli import`. Usage: demo_conversations.py OUT.json"""
import datetime
import json
import sys
import uuid

NOW = datetime.datetime.now(datetime.timezone.utc)
NS = uuid.UUID("6f1c2b1e-5d0a-4c52-9a51-8b7e0f3c2d10")


def stamp(delta):
    return (NOW - delta).strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % ((NOW - delta).microsecond // 1000)


def uid(name):
    return str(uuid.uuid5(NS, name))


SORT_REPLY = """To sort a `std::vector` of structs, give `std::sort` a **comparison** that says which of two
elements comes first. With C++20 the clearest way is a *projection*:

```cpp
#include <algorithm>
#include <string>
#include <vector>

struct Runner {
    std::string name;
    double seconds;
};

void by_time(std::vector<Runner>& runners) {
    std::ranges::sort(runners, {}, &Runner::seconds);  // fastest first
}
```

A few things worth knowing:

1. `std::ranges::sort` is not *stable*: equal times may swap places.
2. The projection `&Runner::seconds` saves writing a lambda by hand.

| call | stable | extra memory |
|---|---|---|
| `std::ranges::sort` | no | none |
| `std::ranges::stable_sort` | yes | up to `n` elements |

See [cppreference](https://en.cppreference.com/w/cpp/algorithm/ranges/sort) for the details."""

DESC_REPLY = """Give `std::sort` a lambda that compares the field:

```cpp
std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.seconds < b.seconds; });
```"""

SNAIL_REPLY = r"""Count the finishing orders by how the five snails split into **groups that finish together**,
then order those groups. With $k$ groups there are $S(5,k)$ ways to form them (Stirling numbers of
the second kind) and $k!$ ways to order them, so

$$a_5 = \sum_{k=1}^{5} k!\,S(5,k) = 1 + 30 + 150 + 240 + 120 = 541.$$

These are the *ordered Bell* (Fubini) numbers:

| snails | ways the race can end |
|---|---|
| 1 | 1 |
| 2 | 3 |
| 3 | 13 |
| 4 | 75 |
| 5 | **541** |

Inclusion–exclusion gives them without the Stirling numbers, since $k!\,S(n,k)$ counts the ways
onto $k$ ordered groups:

\[ a_n = \sum_{k=0}^{n} \sum_{j=0}^{k} (-1)^{k-j} \binom{k}{j}\, j^{n} \]

so the race can end in $a_5 = 541$ ways."""


def conv(name, title, age, messages, pinned=False):
    created = age + datetime.timedelta(minutes=len(messages) + 5)
    out = []
    for i, m in enumerate(messages):
        message = {"uuid": uid(name + "/" + m.get("key", str(i)))}
        if m.get("parent"):
            message["parent_uuid"] = uid(name + "/" + m["parent"])
        message.update({
            "role": m["role"],
            "content": m["content"],
            "created_at": stamp(created - datetime.timedelta(minutes=i + 1)),
            "state": "complete",
            "active": m.get("active", True),
        })
        if m["role"] == "assistant":
            # Illustrative figures for the replies' footers (tokens, speed, time to first token),
            # not measured: about four characters a token at a desktop GPU's pace.
            message["stats"] = {
                "prompt_tokens": 24 + 40 * i,
                "completion_tokens": max(8, len(m["content"]) // 4),
                "time_to_first_token_ms": 180 + 15 * i,
                "tokens_per_second": 38.4 + 1.7 * (i % 3),
                "stop_reason": "finished",
            }
        out.append(message)
    return {
        "uuid": uid(name),
        "title": title,
        "created_at": stamp(created),
        "updated_at": stamp(age),
        "pinned": pinned,
        "system_prompt": "",
        "model": {"file": "phi-4-Q4_K_M.gguf", "quantization": "Q4_K_M"},
        "messages": out,
    }


def chain(*pairs):
    """Messages in a line: each one's parent is the previous one."""
    messages = []
    for i, (role, content) in enumerate(pairs):
        messages.append({"key": str(i), "parent": str(i - 1) if i else None, "role": role, "content": content})
    return messages


def main():
    h = datetime.timedelta(hours=1)
    d = datetime.timedelta(days=1)
    sorting = chain(("user", "How do I sort a vector of structs by one field in C++?"))
    # Two versions of the reply (the second one regenerated), so the "2/2" switcher shows.
    sorting.append({"key": "1a", "parent": "0", "role": "assistant", "content": DESC_REPLY, "active": False})
    sorting.append({"key": "1b", "parent": "0", "role": "assistant", "content": SORT_REPLY})
    conversations = [
        conv("sorting", "Sorting a vector of structs in C++", 0.1 * h, sorting),
        conv("snails", "The five-snail race", 3 * h, chain(
            ("user", "Five snails run a race and ties are possible. In how many different ways can the race end?"),
            ("assistant", SNAIL_REPLY)), pinned=True),
        conv("lisbon", "Packing list for three days in Lisbon", 1 * d + 2 * h, chain(
            ("user", "What should I pack for three days in Lisbon in April?"),
            ("assistant", "- Light layers and a **rain jacket**\n- Comfortable shoes for the hills and the *calçada*\n- A travel adapter (type F)"))),
        conv("tcp", "How TCP slow start works", 3 * d, chain(
            ("user", "Explain TCP slow start in two paragraphs."),
            ("assistant", "A new connection does not know how much the network can carry, so the sender starts with a small *congestion window* and **doubles** it every round trip while acknowledgements arrive.\n\nWhen a packet is lost, or the window reaches the slow-start threshold, growth becomes linear (congestion avoidance)."))),
        conv("email", "Email to the landlord about the boiler", 12 * d, chain(
            ("user", "Help me write a short email to my landlord: the boiler has been broken since Monday."),
            ("assistant", "Subject: Boiler not working since Monday\n\nDear Mr Rossi,\n\nthe boiler in the flat has not worked since Monday, so there is no hot water or heating. Could you arrange a repair this week?\n\nKind regards,\nAnna"))),
    ]
    export = {
        "format": "veloce-conversations",
        "version": 1,
        "exported_at": stamp(datetime.timedelta(0)),
        "conversations": conversations,
    }
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        json.dump(export, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
